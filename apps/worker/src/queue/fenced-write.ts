import { TASK_EVENTS_CHANNEL } from '@switchyard/db/queue';
import { type QueueSql, queueQuery } from './sql';
import type { PhaseEventInput } from './types';

/** How a run ends without writes of the handler's own (a plain finish: trivial runs, tests). */
export interface PlainFinish {
  status: 'succeeded' | 'failed' | 'blocked' | 'cancelled';
  errorClass?: string | null;
  errorMessage?: string | null;
}

// One statement, so one round trip and no BEGIN/COMMIT: lock the run row and check the token and
// status (the fence), insert the events after the run's highest seq, end the run when asked, and
// NOTIFY the task's live subscriptions when events were written. The token and status are checked on
// the locked (latest) row version and again in the UPDATE, so a run recovered meanwhile gets nothing.
const FENCED_WRITE = `
  WITH run AS (
    SELECT id, "fencingToken", status FROM "PhaseRun" WHERE id = $1 FOR UPDATE
  ), held AS (
    SELECT id FROM run WHERE "fencingToken" = $2::bigint AND status = 'running'
  ), inserted AS (
    INSERT INTO "PhaseEvent" ("phaseRunId", seq, type, payload)
    SELECT held.id, base.max_seq + e.ordinality, (e.event ->> 'type')::"EventType", e.event -> 'payload'
      FROM held,
           (SELECT coalesce(max(seq), 0) AS max_seq FROM "PhaseEvent" WHERE "phaseRunId" = $1) AS base,
           jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(event, ordinality)
    RETURNING 1
  ), finished AS (
    UPDATE "PhaseRun" AS r
       SET status = $4::"RunStatus", "errorClass" = $5::"ErrorClass", "errorMessage" = $6,
           "finishedAt" = now(), "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
      FROM held
     WHERE r.id = held.id AND $4::text IS NOT NULL
       AND r."fencingToken" = $2::bigint AND r.status = 'running'
    RETURNING r.id
  )
  SELECT (SELECT "fencingToken"::text FROM run) AS token,
         (SELECT status::text FROM run) AS status,
         EXISTS (SELECT 1 FROM held) AS held,
         EXISTS (SELECT 1 FROM finished) AS finished,
         (SELECT pg_notify($7, $8) WHERE EXISTS (SELECT 1 FROM inserted)) IS NOT NULL AS notified`;

export type FencedWriteResult = { held: true; finished: boolean } | { held: false; why: string };

/** Writes `events` (and ends the run when `finish` is given) under the fence, in one statement. */
export async function fencedWrite(
  sql: QueueSql,
  run: { id: string; taskId: string },
  fencingToken: bigint,
  events: readonly PhaseEventInput[],
  finish: PlainFinish | null,
): Promise<FencedWriteResult> {
  const [row] = await queueQuery<{
    token: string | null;
    status: string | null;
    held: boolean;
    finished: boolean;
  }>(sql, 'fenced-write', FENCED_WRITE, [
    run.id,
    String(fencingToken),
    JSON.stringify(events),
    finish?.status ?? null,
    finish?.errorClass ?? null,
    finish?.errorMessage ?? null,
    TASK_EVENTS_CHANNEL,
    run.taskId,
  ]);
  if (row?.held) return { held: true, finished: row.finished };
  if (!row?.token) return { held: false, why: 'the run no longer exists' };
  if (row.token !== String(fencingToken))
    return { held: false, why: `it was claimed again (token ${row.token})` };
  return { held: false, why: `it is ${row.status} now` };
}
