import type { PrismaClient } from '@switchyard/db';
import {
  PHASES,
  type Phase,
  type RoutingDecision,
  type TaskRoutingSettings,
  TaskRoutingSettingsSchema,
  validateRouting,
} from '@switchyard/providers';
import { badRequest } from '../errors';
import { loadRoutingInput, type RoutingScope } from './load-routing-input';
import { assertRoutingValid, resolveTaskRouting } from './resolve-task-routing';

/** The stored routing settings of a task, read back through the providers' schema. */
export function storedSettings(value: unknown): TaskRoutingSettings {
  const parsed = TaskRoutingSettingsSchema.safeParse(value);
  if (!parsed.success)
    throw badRequest("The task's stored routing settings are not valid; rerun it with new settings.");
  return parsed.data;
}

/**
 * Resolves a task's routing again (credentials or settings may have changed since it was queued)
 * and validates the phases from `from` on: those are the ones that will run.
 */
export async function resolveForRequeue(
  prisma: PrismaClient,
  scope: RoutingScope,
  settings: TaskRoutingSettings,
  profileId: string | null,
  from: Phase,
): Promise<RoutingDecision> {
  const loaded = await loadRoutingInput(prisma, scope, settings, profileId);
  const { decision } = resolveTaskRouting(loaded.input);
  const phases = PHASES.slice(PHASES.indexOf(from));
  assertRoutingValid(validateRouting(decision, phases));
  return decision;
}
