import type { Phase, Prisma } from '@switchyard/db';
import { type QueueSql, queueQuery } from './sql';
import type { ClaimedRun } from './types';

const CLAIM = `
  UPDATE "PhaseRun"
     SET status = 'running',
         "leaseOwner" = $1,
         "leaseExpiresAt" = now() + ($2::int * interval '1 millisecond'),
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
            attempt, "maxAttempts", "leaseOwner", "leaseExpiresAt", "fencingToken"::text AS "fencingToken",
            "startedAt"`;

type ClaimRow = Omit<ClaimedRun, 'fencingToken' | 'phase' | 'routingDecision'> & {
  fencingToken: string;
  phase: string;
  routingDecision: unknown;
};

/**
 * Claims the next claimable run for this worker, or returns null when none is due. One statement:
 * the inner SELECT walks the partial index PhaseRun_claimable (priority, runAfter WHERE pending) and
 * SKIP LOCKED lets concurrent claimers pass each other's candidate rows instead of waiting, so no
 * two workers ever get the same run; the new fencing token makes every older lease on it stale.
 */
export async function claimNextPhaseRun(
  sql: QueueSql,
  options: { workerId: string; leaseMs: number },
): Promise<ClaimedRun | null> {
  const [row] = await queueQuery<ClaimRow>(sql, 'claim', CLAIM, [options.workerId, options.leaseMs]);
  if (!row) return null;
  return {
    ...row,
    phase: row.phase as Phase,
    routingDecision: (row.routingDecision ?? null) as Prisma.JsonValue | null,
    fencingToken: BigInt(row.fencingToken),
  };
}

/** The inner SELECT alone, for EXPLAIN in tests: it must stay on the partial index. */
export const CLAIM_CANDIDATE_SQL = `SELECT id FROM "PhaseRun" WHERE status = 'pending' AND "runAfter" <= now() ORDER BY priority, "runAfter" FOR UPDATE SKIP LOCKED LIMIT 1`;
