import { LeaseLostError } from './errors';
import type { FencedTx } from './types';

export interface FencedRunState {
  status: string;
  taskStatus: string;
}

/**
 * The fence: locks the run row (FOR UPDATE, so it serialises with recovery, heartbeats and any other
 * fenced write for the run) and checks that `fencingToken` still holds it and it is still running.
 * Every write a worker makes for a run happens after this, in the same transaction.
 */
export async function lockRunUnderFence(
  tx: FencedTx,
  runId: string,
  fencingToken: bigint,
): Promise<FencedRunState> {
  const rows = await tx.$queryRaw<(FencedRunState & { fencingToken: bigint })[]>`
    SELECT r.status::text AS status, r."fencingToken", t.status::text AS "taskStatus"
      FROM "PhaseRun" AS r JOIN "Task" AS t ON t.id = r."taskId"
     WHERE r.id = ${runId}
       FOR UPDATE OF r`;
  const row = rows[0];
  if (!row) throw new LeaseLostError(runId, fencingToken, 'the run no longer exists');
  if (row.fencingToken !== fencingToken) {
    throw new LeaseLostError(runId, fencingToken, `it was claimed again (token ${row.fencingToken})`);
  }
  if (row.status !== 'running') throw new LeaseLostError(runId, fencingToken, `it is ${row.status} now`);
  return { status: row.status, taskStatus: row.taskStatus };
}
