import { PHASE_RUNS_CHANNEL } from '@switchyard/db/queue';
import { type QueueSql, queueQuery } from './sql';

export interface RecoveredRun {
  id: string;
  /** pending: queued again (attempt + 1); failed: past maxAttempts; cancelled: its task was cancelled. */
  status: 'pending' | 'failed' | 'cancelled';
  attempt: number;
}

/**
 * Lock recovery, run by every worker now and then: a running run whose lease expired belongs to a
 * worker that stopped responding (crashed, partitioned, frozen). One statement puts it back to
 * pending with attempt + 1 (runAfter now, and a NOTIFY so an idle slot picks it up at once), fails
 * it past maxAttempts (and its task, with the reason), or cancels it when its task was cancelled
 * meanwhile (nobody is left to do it).
 * SKIP LOCKED: a row locked by its owner's fenced transaction is alive after all; and two recovering
 * workers never both bump the same attempt. The owner, should it wake up, fails its fence: the run
 * is no longer `running` under its token.
 */
export async function recoverExpiredLeases(sql: QueueSql): Promise<RecoveredRun[]> {
  const rows = await queueQuery<RecoveredRun>(sql, 'recover', RECOVER, [PHASE_RUNS_CHANNEL]);
  return rows.map(({ id, status, attempt }) => ({ id, status, attempt }));
}

const RECOVER = `
    WITH expired AS (
      SELECT id FROM "PhaseRun"
       WHERE status = 'running' AND "leaseExpiresAt" < now()
       FOR UPDATE SKIP LOCKED
    ), updated AS (
      UPDATE "PhaseRun" AS r
         SET status = CASE WHEN t.status = 'cancelled' THEN 'cancelled'::"RunStatus"
                           WHEN r.attempt >= r."maxAttempts" THEN 'failed'::"RunStatus"
                           ELSE 'pending'::"RunStatus" END,
             attempt = CASE WHEN t.status <> 'cancelled' AND r.attempt < r."maxAttempts" THEN r.attempt + 1
                            ELSE r.attempt END,
             "errorClass" = CASE WHEN t.status = 'cancelled' THEN 'cancelled'::"ErrorClass" ELSE r."errorClass" END,
             "errorMessage" = CASE
               WHEN t.status = 'cancelled' THEN 'task cancelled; the worker running it stopped responding'
               WHEN r.attempt >= r."maxAttempts"
                 THEN format('lease expired %s times; the worker running it stopped responding', r.attempt)
               ELSE r."errorMessage" END,
             "finishedAt" = CASE WHEN t.status = 'cancelled' OR r.attempt >= r."maxAttempts" THEN now() END,
             "runAfter" = now(),
             "leaseOwner" = NULL,
             "leaseExpiresAt" = NULL,
             "updatedAt" = now()
        FROM expired, "Task" AS t
       WHERE r.id = expired.id AND t.id = r."taskId"
      RETURNING r.id, r.status, r.attempt, r."taskId", r.kind, r."errorMessage"
    ), stopped_tasks AS (
      -- A run that will never run again stops its task, with the reason on the task board.
      UPDATE "Task" AS t
         SET status = 'failed', "finishedAt" = now(), "updatedAt" = now(),
             "statusReason" = format('The %s step failed: %s.', u.kind, u."errorMessage")
        FROM updated AS u
       WHERE u.status = 'failed' AND t.id = u."taskId" AND t.status NOT IN ('cancelled', 'done')
      RETURNING t.id
    )
    SELECT id, status::text AS status, attempt,
           CASE WHEN status = 'pending' THEN pg_notify($1, id)::text END AS notified
      FROM updated`;
