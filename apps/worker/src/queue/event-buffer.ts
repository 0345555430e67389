import { Prisma } from '@switchyard/db';
import { TASK_EVENTS_CHANNEL, taskWatchedSql } from '@switchyard/db/queue';
import type { FencedTx, PhaseEventInput } from './types';

/**
 * A run's unwritten events. The lease drains it into every fenced transaction, so a batch is written
 * under the same lock and token check as the run's other writes (a stale worker cannot add events)
 * and events land in the order they were appended. `due` fires when a batch should be written:
 * at `batchSize` events or `flushMs` after the first unwritten one.
 */
export class EventBuffer {
  private pending: PhaseEventInput[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly due: () => void,
    private readonly options: { batchSize: number; flushMs: number },
  ) {}

  get size(): number {
    return this.pending.length;
  }

  append(events: readonly PhaseEventInput[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    if (this.pending.length >= this.options.batchSize) {
      this.clearTimer();
      this.due();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.due();
      }, this.options.flushMs);
    }
  }

  /** Takes every unwritten event; hand them back with `restore` if the transaction rolled back. */
  take(): PhaseEventInput[] {
    this.clearTimer();
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  restore(events: PhaseEventInput[]): void {
    this.pending = [...events, ...this.pending];
  }

  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Inserts events with consecutive seq numbers after the run's highest, in one statement. Call it only
 * under the fence: the locked run row serialises writers, and the unique (phaseRunId, seq) index
 * turns any mistake into an error rather than a duplicate. The same statement NOTIFYs the task's
 * live subscriptions (delivered on commit), so the dashboard shows the events without polling; only
 * while a web process watches the task (docs/decisions/0017), as fencedWrite does.
 */
export async function insertPhaseEvents(
  tx: FencedTx,
  run: { id: string; taskId: string },
  events: readonly PhaseEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO "PhaseEvent" ("phaseRunId", seq, type, payload)
      SELECT ${run.id}, base.max_seq + e.ordinality, (e.event ->> 'type')::"EventType", e.event -> 'payload'
        FROM (SELECT coalesce(max(seq), 0) AS max_seq FROM "PhaseEvent" WHERE "phaseRunId" = ${run.id}) AS base,
             jsonb_array_elements(${JSON.stringify(events)}::jsonb) WITH ORDINALITY AS e(event, ordinality)
      RETURNING 1
    )
    SELECT pg_notify(${TASK_EVENTS_CHANNEL}, task.id)
      FROM (SELECT ${run.taskId}::text AS id) AS task
     WHERE EXISTS (SELECT 1 FROM inserted) AND ${Prisma.raw(taskWatchedSql('task.id'))}`;
}
