import { PHASE_RUNS_CHANNEL } from '@switchyard/db/queue';
import { markRunEnded } from './run-ended';
import type { FencedTx } from './types';

/**
 * Shutdown past the grace period: hands the run back untouched (same attempt, lease cleared, due
 * now) and wakes the other workers, so one of them resumes it without waiting for the lease to expire.
 * The token condition keeps a release from undoing a finish that won the race.
 */
export async function releasePhaseRun(tx: FencedTx, runId: string, fencingToken: bigint): Promise<boolean> {
  const released = await tx.$executeRaw`
    UPDATE "PhaseRun"
       SET status = 'pending', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "runAfter" = now(), "updatedAt" = now()
     WHERE id = ${runId} AND "fencingToken" = ${fencingToken}::bigint AND status = 'running'`;
  if (released === 1) {
    markRunEnded(tx);
    await tx.$executeRaw`SELECT pg_notify(${PHASE_RUNS_CHANNEL}, ${runId})`;
  }
  return released === 1;
}
