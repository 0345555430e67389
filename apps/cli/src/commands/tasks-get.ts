import type { Command } from 'commander';
import type { ApiOutputs } from '../api/client';
import { openSession, type Session } from '../api/session';
import { ExitCode } from '../cli-error';
import { parseTaskId } from '../flags/task-flags';
import { formatTaskDetail } from '../output/format-task-detail';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksGet(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('get')
    .description("a task's status, phases, runs (provider, attempts, cost, errors), artifacts and diff")
    .argument('<ID>', 'the task id')
    .option('--diff', "print the worktree's diff against the base branch too")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, opts: { diff?: boolean; json?: boolean }) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const session = await openSession(ctx.rt);
      const detail = await session.call((c) => c.tasks.get.query({ taskId }));
      // tasks.get carries a summary of each run's routing; --json prints each run's whole decision too.
      const document = json ? { ...detail, runs: await withDecisions(session, taskId, detail.runs) } : detail;
      printResult(ctx.rt, json, document, () => {
        const text = formatTaskDetail(detail, colorsOf(ctx, json));
        if (!opts.diff) return text;
        return `${text}\n\n${detail.diff?.content.trimEnd() ?? '(no diff yet: the coding phase has not changed anything)'}`;
      });
      ctx.finish(ExitCode.ok);
    });
}

type Run = ApiOutputs['tasks']['get']['runs'][number];
type Decision = ApiOutputs['tasks']['runRouting'];

/** How many runs' decisions are fetched at once. */
const PARALLEL = 8;

/** Each run with its whole routing decision (`tasks.runRouting`; null while it has none). */
async function withDecisions(
  session: Session,
  taskId: string,
  runs: Run[],
): Promise<(Run & { routingDecision: Decision })[]> {
  const decisions: Decision[] = new Array(runs.length).fill(null);
  let next = 0;
  const fetchNext = async (): Promise<void> => {
    for (let i = next++; i < runs.length; i = next++) {
      const run = runs[i]!;
      if (run.routing)
        decisions[i] = await session.call((c) => c.tasks.runRouting.query({ taskId, runId: run.id }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, runs.length) }, fetchNext));
  return runs.map((run, i) => ({ ...run, routingDecision: decisions[i] ?? null }));
}
