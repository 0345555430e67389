import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { parsePhase, parseTaskId } from '../flags/task-flags';
import { formatRequeued, requeuedOf } from '../output/format-task-detail';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksRetry(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('retry')
    .description(
      "queue a phase's last failed, blocked or cancelled run again, its routing resolved afresh (e.g. after topping up a balance)",
    )
    .argument('<ID>', 'the task id')
    .argument('<PHASE>', 'spec, planning, coding or qa')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, phaseArg: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const phase = parsePhase(phaseArg);
      const session = await openSession(ctx.rt);
      const run = await session.call((c) => c.tasks.retryPhase.mutate({ taskId, phase }));
      const result = requeuedOf(taskId, run);
      printResult(ctx.rt, json, result, () => formatRequeued(result, 'Retrying', colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });
}
