import { TASK_EVENTS_CHANNEL, taskWatchedSql } from '@switchyard/db/queue';
import { type ClaimRow, claimUpdateSql, toClaimedRun } from './claim-next-phase-run';
import { type QueueSql, queueQuery } from './sql';
import type { ClaimedRun, PhaseEventInput } from './types';

/** How a run ends without writes of the handler's own (a plain finish: trivial runs, tests). */
export interface PlainFinish {
  status: 'succeeded' | 'failed' | 'blocked' | 'cancelled';
  errorClass?: string | null;
  errorMessage?: string | null;
}

// One statement, so one round trip and no BEGIN/COMMIT: lock the run row and check the token and
// status (the fence), insert the events after the run's highest seq, end the run when asked, and
// NOTIFY the task's live subscriptions when events were written and a web process watches the task
// (decision 0017). The token and status are checked on the locked (latest) row version and again in
// the UPDATE, so a run recovered meanwhile gets nothing.
// With `claimed` (finish and claim the next run, decision 0015) the same statement also claims the
// next claimable run for this worker, exactly as claimNextPhaseRun does, but only if the finish
// happened: a stale finish claims nothing.
function fencedWriteSql(claimNext: boolean): string {
  return `
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
  )${
    claimNext
      ? `, claimed AS (${claimUpdateSql('$9', '$10', '\n     AND EXISTS (SELECT 1 FROM finished)')}
  )`
      : ''
  }
  SELECT (SELECT "fencingToken"::text FROM run) AS token,
         (SELECT status::text FROM run) AS status,
         EXISTS (SELECT 1 FROM held) AS held,
         EXISTS (SELECT 1 FROM finished) AS finished,
         (SELECT pg_notify($7, $8) WHERE EXISTS (SELECT 1 FROM inserted) AND ${taskWatchedSql('$8')})
           IS NOT NULL AS notified${
             claimNext
               ? ',\n         next.*\n    FROM (SELECT 1) AS one LEFT JOIN claimed AS next ON true'
               : ''
           }`;
}

const FENCED_WRITE = fencedWriteSql(false);
const FENCED_FINISH_AND_CLAIM = fencedWriteSql(true);

export type FencedWriteResult =
  | { held: true; finished: boolean; next: ClaimedRun | null }
  | { held: false; why: string };

/** Who claims the next run with a finish (the worker's id and lease length, as for claimNextPhaseRun). */
export interface ClaimWithFinish {
  workerId: string;
  leaseMs: number;
}

/** The fence's outcome, and with a claim the claimed run's columns (all null when none was due). */
type FencedWriteRow = {
  token: string | null;
  status: string | null;
  held: boolean;
  finished: boolean;
} & Partial<ClaimRow>;

/**
 * Writes `events` (and ends the run when `finish` is given) under the fence, in one statement. With
 * `claimNext` as well as `finish`, the statement also claims the next run for that worker when the
 * finish happened: `next` is that run (the caller must start or release it), null when none was due.
 */
export async function fencedWrite(
  sql: QueueSql,
  run: { id: string; taskId: string },
  fencingToken: bigint,
  events: readonly PhaseEventInput[],
  finish: PlainFinish | null,
  claimNext: ClaimWithFinish | null = null,
): Promise<FencedWriteResult> {
  const values: unknown[] = [
    run.id,
    String(fencingToken),
    JSON.stringify(events),
    finish?.status ?? null,
    finish?.errorClass ?? null,
    finish?.errorMessage ?? null,
    TASK_EVENTS_CHANNEL,
    run.taskId,
  ];
  const claiming = finish !== null && claimNext !== null;
  const [row] = claiming
    ? await queueQuery<FencedWriteRow>(sql, 'fenced-finish-claim', FENCED_FINISH_AND_CLAIM, [
        ...values,
        claimNext.workerId,
        claimNext.leaseMs,
      ])
    : await queueQuery<FencedWriteRow>(sql, 'fenced-write', FENCED_WRITE, values);
  if (row?.held) {
    const next = claiming && row.id ? toClaimedRun(row as ClaimRow) : null;
    return { held: true, finished: row.finished, next };
  }
  if (!row?.token) return { held: false, why: 'the run no longer exists' };
  if (row.token !== String(fencingToken))
    return { held: false, why: `it was claimed again (token ${row.token})` };
  return { held: false, why: `it is ${row.status} now` };
}
