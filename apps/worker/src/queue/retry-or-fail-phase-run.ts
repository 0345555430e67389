import { notify, TASK_EVENTS_CHANNEL } from '@switchyard/db/queue';
import { markRunEnded } from './run-ended';
import type { FencedTx } from './types';

export interface RetryOrFailResult {
  status: 'pending' | 'failed';
  attempt: number;
  runAfter: Date;
}

/**
 * A handler threw (a bug or an infrastructure error: the pipeline finishes provider failures itself).
 * While attempts remain the run goes back to pending with attempt + 1 and an exponential backoff
 * (5 s, 10 s, 20 s, … capped at 5 min), keeping the error message for the dashboard; past
 * maxAttempts it fails with that message, and so does its task.
 */
export async function retryOrFailPhaseRun(
  tx: FencedTx,
  runId: string,
  fencingToken: bigint,
  errorMessage: string,
): Promise<RetryOrFailResult | null> {
  const rows = await tx.$queryRaw<(RetryOrFailResult & { taskId: string })[]>`
    WITH updated AS (
      UPDATE "PhaseRun"
         SET status = CASE WHEN attempt < "maxAttempts" THEN 'pending'::"RunStatus" ELSE 'failed'::"RunStatus" END,
             "runAfter" = CASE WHEN attempt < "maxAttempts"
                               THEN now() + least(300, 5 * 2 ^ (attempt - 1)) * interval '1 second'
                               ELSE "runAfter" END,
             "finishedAt" = CASE WHEN attempt < "maxAttempts" THEN NULL ELSE now() END,
             attempt = CASE WHEN attempt < "maxAttempts" THEN attempt + 1 ELSE attempt END,
             "errorMessage" = ${errorMessage},
             "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
       WHERE id = ${runId} AND "fencingToken" = ${fencingToken}::bigint AND status = 'running'
      RETURNING status, attempt, "runAfter", "taskId", kind
    ), stopped_task AS (
      -- The last attempt failed: the task stops with the reason rather than stay "running".
      UPDATE "Task" AS t
         SET status = 'failed', "finishedAt" = now(), "updatedAt" = now(),
             "statusReason" = format('The %s step failed after %s attempts: %s', u.kind, u.attempt, ${errorMessage}::text)
        FROM updated AS u
       WHERE u.status = 'failed' AND t.id = u."taskId" AND t.status NOT IN ('cancelled', 'done')
      RETURNING t.id
    )
    SELECT status::text AS status, attempt, "runAfter", "taskId" FROM updated`;
  const row = rows[0];
  if (!row) return null;
  markRunEnded(tx);
  // The task stopped: its live subscriptions end now rather than on their next safety poll.
  if (row.status === 'failed') await notify(tx, TASK_EVENTS_CHANNEL, row.taskId);
  return { status: row.status, attempt: row.attempt, runAfter: row.runAfter };
}
