import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { parseTaskId } from '../flags/task-flags';
import { formatCancel } from '../output/format-tasks';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksCancel(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('cancel')
    .description('cancel a task: pending phases never start, a running one is stopped by its worker')
    .argument('<ID>', 'the task id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const session = await openSession(ctx.rt);
      const result = await session.call((c) => c.tasks.cancel.mutate({ taskId }));
      printResult(ctx.rt, json, { taskId, ...result }, () =>
        formatCancel(taskId, result, colorsOf(ctx, json)),
      );
      ctx.finish(ExitCode.ok);
    });
}
