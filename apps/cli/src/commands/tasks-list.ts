import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { parseListFlags, TASK_STATUSES } from '../flags/task-flags';
import { formatTaskList } from '../output/format-tasks';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksList(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('list')
    .description("the team's tasks, newest first")
    .option('--status <STATUS>', `only tasks in this status (${TASK_STATUSES.join('|')})`)
    .option('--project <NAME|ID>', "only this project's tasks")
    .option('--limit <N>', 'at most N tasks (1-100, default 50)')
    .option('--cursor <CURSOR>', 'the next page, as printed after a full page')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const flags = parseListFlags(opts);
      const session = await openSession(ctx.rt);
      const project = flags.project
        ? findNamed(await session.call((c) => c.projects.list.query()), flags.project, 'project', '--project')
        : null;
      const list = await session.call((c) =>
        c.tasks.list.query({
          status: flags.status ?? null,
          projectId: project?.id ?? null,
          limit: flags.limit ?? 50,
          cursor: flags.cursor ?? null,
        }),
      );
      printResult(ctx.rt, json, list, () => formatTaskList(list, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });
}
