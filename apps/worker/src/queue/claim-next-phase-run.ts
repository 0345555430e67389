import type { PrismaClient } from '@switchyard/db';
import type { ClaimedRun } from './types';

/**
 * Claims the next claimable run for this worker, or returns null when none is due. One statement:
 * the inner SELECT walks the partial index PhaseRun_claimable (priority, runAfter WHERE pending) and
 * SKIP LOCKED lets concurrent claimers pass each other's candidate rows instead of waiting, so no
 * two workers ever get the same run; the new fencing token makes every older lease on it stale.
 *
 * Raw SQL through Prisma's $queryRaw, not a separate pg Pool: the handler's fenced transactions
 * need Prisma anyway, and one pool per process keeps WORKER_CONCURRENCY the only sizing knob.
 */
export async function claimNextPhaseRun(
  db: PrismaClient,
  options: { workerId: string; leaseMs: number },
): Promise<ClaimedRun | null> {
  const rows = await db.$queryRaw<ClaimedRun[]>`
    UPDATE "PhaseRun"
       SET status = 'running',
           "leaseOwner" = ${options.workerId},
           "leaseExpiresAt" = now() + (${options.leaseMs}::int * interval '1 millisecond'),
           "fencingToken" = "fencingToken" + 1,
           "startedAt" = coalesce("startedAt", now()),
           "updatedAt" = now()
     WHERE id = (
       SELECT id FROM "PhaseRun"
        WHERE status = 'pending' AND "runAfter" <= now()
        ORDER BY priority, "runAfter"
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
    RETURNING id, "taskId", phase::text AS phase, kind, iteration, "subtaskId", priority, "routingDecision",
              attempt, "maxAttempts", "leaseOwner", "leaseExpiresAt", "fencingToken", "startedAt"`;
  return rows[0] ?? null;
}

/** The inner SELECT alone, for EXPLAIN in tests: it must stay on the partial index. */
export const CLAIM_CANDIDATE_SQL = `SELECT id FROM "PhaseRun" WHERE status = 'pending' AND "runAfter" <= now() ORDER BY priority, "runAfter" FOR UPDATE SKIP LOCKED LIMIT 1`;
