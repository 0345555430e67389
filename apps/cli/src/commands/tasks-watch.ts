import type { Command } from 'commander';
import { openSession, type Session } from '../api/session';
import { toCliError } from '../api/to-cli-error';
import { CliError, ExitCode } from '../cli-error';
import { parseTaskId } from '../flags/task-flags';
import { colorsFor } from '../output/colors';
import { formatEvent, type TaskEvent } from '../output/format-event';
import { printResult } from '../output/print';
import { formatWatchSummary, summarizePhases, WatchDisplay } from '../output/watch-display';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

const SETTLED = new Set(['done', 'failed', 'blocked', 'needs_human', 'cancelled']);
/** How long the stream may stay disconnected before the server counts as unreachable. */
const RECONNECT_GIVE_UP_MS = 30_000;

export function registerTasksWatch(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('watch')
    .description(
      'follow a task live: its phases, a progress display and its log; exit 0 when it is done, 1 when it ends failed, blocked, needs_human or cancelled',
    )
    .argument('<ID>', 'the task id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const session = await openSession(ctx.rt);
      let detail = await session.call((c) => c.tasks.get.query({ taskId }));
      const display = new WatchDisplay(ctx.rt, colorsOf(ctx, json), !json);
      const events: TaskEvent[] = [];
      try {
        display.start(detail);
        let lastEventId: string | null = null;
        // The server ends the stream once the task has settled; a stream that ends earlier (a server
        // restart) is resumed after the last event seen.
        for (;;) {
          lastEventId = await followEvents(session, taskId, lastEventId, (event) => {
            events.push(event);
            display.event(event);
          });
          detail = await session.call((c) => c.tasks.get.query({ taskId }));
          if (SETTLED.has(detail.task.status)) break;
        }
        display.stop(detail);
      } finally {
        display.dispose();
      }
      const plain = colorsFor(false);
      const exitCode = detail.task.status === 'done' ? ExitCode.ok : ExitCode.failed;
      printResult(
        ctx.rt,
        json,
        {
          task: detail.task,
          outcome: detail.task.status,
          reason: detail.task.statusReason,
          exitCode,
          delivery: detail.task.delivery,
          phases: summarizePhases(detail),
          events: events.map((event) => ({
            id: event.id,
            phase: event.phase,
            kind: event.kind,
            type: event.type,
            at: event.at,
            line: formatEvent(event, plain),
          })),
        },
        () => formatWatchSummary(detail, colorsOf(ctx, json)),
      );
      if (exitCode !== ExitCode.ok && !json)
        ctx.rt.stderr.write(
          `switchyard: task ${detail.task.status}: ${detail.task.statusReason ?? 'no reason recorded'}\n`,
        );
      ctx.finish(exitCode);
    });
}

/** Streams the task's events (tasks.subscribe over SSE) until the server ends the stream. */
function followEvents(
  session: Session,
  taskId: string,
  after: string | null,
  onEvent: (event: TaskEvent) => void,
): Promise<string | null> {
  let last = after;
  return new Promise((resolve, reject) => {
    let giveUp: NodeJS.Timeout | null = null;
    const settle = () => {
      if (giveUp) clearTimeout(giveUp);
      subscription.unsubscribe();
    };
    const subscription = session.client.tasks.subscribe.subscribe(
      { taskId, lastEventId: after },
      {
        onData: (tracked) => {
          last = tracked.id;
          onEvent(tracked.data);
        },
        onError: (error) => {
          settle();
          reject(toCliError(error, session.config.url));
        },
        onComplete: () => {
          settle();
          resolve(last);
        },
        onConnectionStateChange: (state) => {
          // The link reconnects by itself (resuming after the last event); give up after a while.
          if (state.state !== 'connecting' || !state.error) {
            if (giveUp) clearTimeout(giveUp);
            giveUp = null;
            return;
          }
          const cause = toCliError(state.error, session.config.url);
          giveUp ??= setTimeout(() => {
            settle();
            reject(
              new CliError(
                `Lost the event stream of task ${taskId} for ${RECONNECT_GIVE_UP_MS / 1000} s: ${cause.message}`,
                ExitCode.unreachable,
                `Check the server, then run switchyard tasks watch ${taskId} again.`,
              ),
            );
          }, RECONNECT_GIVE_UP_MS);
        },
      },
    );
  });
}
