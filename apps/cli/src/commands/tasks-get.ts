import type { Command } from 'commander';
import { openSession } from '../api/session';
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
      printResult(ctx.rt, json, detail, () => {
        const text = formatTaskDetail(detail, colorsOf(ctx, json));
        if (!opts.diff) return text;
        return `${text}\n\n${detail.diff?.content.trimEnd() ?? '(no diff yet: the coding phase has not changed anything)'}`;
      });
      ctx.finish(ExitCode.ok);
    });
}
