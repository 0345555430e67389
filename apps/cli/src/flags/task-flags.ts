import { PHASES, type Phase, PhaseSchema } from '@switchyard/providers';
import { z } from 'zod';
import type { ApiOutputs } from '../api/client';
import { usageError } from '../cli-error';

type TaskStatus = ApiOutputs['tasks']['list']['items'][number]['status'];

/** Every task status, checked against the API's type: a status added there fails the typecheck here. */
export const TASK_STATUSES = [
  'queued',
  'running',
  'needs_human',
  'blocked',
  'done',
  'failed',
  'cancelled',
] as const satisfies readonly TaskStatus[];
type Unlisted = Exclude<TaskStatus, (typeof TASK_STATUSES)[number]>;
const _everyStatusListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyStatusListed;

export const taskIdSchema = z.uuid({ error: 'is not a task id (a uuid, as tasks list prints)' });

/** A task id argument; anything else is exit 2. */
export function parseTaskId(value: string): string {
  const parsed = taskIdSchema.safeParse(value.trim());
  if (!parsed.success)
    throw usageError(`"${value}" is not a task id.`, 'Task ids are uuids: see switchyard tasks list.');
  return parsed.data;
}

export const listFlagsSchema = z.object({
  status: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value.replace('-', '_'))
    .pipe(z.enum(TASK_STATUSES, { error: `--status must be one of ${TASK_STATUSES.join(', ')}` }))
    .optional(),
  limit: z
    .string()
    .regex(/^\d+$/, '--limit must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1, '--limit must be at least 1').max(100, '--limit must be at most 100'))
    .optional(),
  project: z.string().trim().min(1).optional(),
  cursor: z.string().trim().min(1).optional(),
});

export function parseListFlags(raw: unknown): z.output<typeof listFlagsSchema> {
  const parsed = listFlagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((issue) => issue.message);
  throw usageError(messages.join('; '), 'See switchyard tasks list --help.');
}

/** The title a task gets when --title is not given: the description's first line, shortened. */
export function titleFrom(description: string): string {
  const first = description.trim().split('\n')[0]!.trim();
  return first.length > 80 ? `${first.slice(0, 79)}…` : first;
}

/** A PHASE argument (`tasks retry`, `tasks rerun`); anything else is exit 2 listing the phases. */
export function parsePhase(value: string): Phase {
  const parsed = PhaseSchema.safeParse(value.trim().toLowerCase());
  if (!parsed.success)
    throw usageError(`"${value}" is not a phase.`, `Phases, in order: ${PHASES.join(', ')}.`);
  return parsed.data;
}
