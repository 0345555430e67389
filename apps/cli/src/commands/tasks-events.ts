import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { parseTaskId } from '../flags/task-flags';
import { formatEvent } from '../output/format-event';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksEvents(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('events')
    .description("a page of a task's log, oldest first (tasks watch follows it live)")
    .argument('<ID>', 'the task id')
    .option('--after <CURSOR>', 'only events after this one (the cursor a previous page printed)')
    .option('--limit <N>', 'at most N events (1-1000, default 500)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, opts: { after?: string; limit?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const limit = opts.limit === undefined ? 500 : Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw usageError(`--limit "${opts.limit}" is not a whole number from 1 to 1000.`, 'e.g. --limit 100');
      if (opts.after !== undefined && !/^\d{1,19}$/.test(opts.after))
        throw usageError(
          `--after "${opts.after}" is not an event cursor.`,
          'Pass the cursor a previous page printed (More: --after …).',
        );
      const session = await openSession(ctx.rt);
      const page = await session.call((c) =>
        c.tasks.events.query({ taskId, after: opts.after ?? null, limit }),
      );
      printResult(ctx.rt, json, page, () => {
        const c = colorsOf(ctx, json);
        const lines = page.events.flatMap((event) => {
          const line = formatEvent(event, c);
          return line
            ? [`${c.dim(event.at.toISOString().slice(11, 19))} ${event.phase.padEnd(8)} ${line}`]
            : [];
        });
        if (!page.events.length) lines.push('No events (yet).');
        if (page.events.length === limit && page.cursor) lines.push(c.dim(`More: --after ${page.cursor}`));
        return lines.join('\n');
      });
      ctx.finish(ExitCode.ok);
    });
}
