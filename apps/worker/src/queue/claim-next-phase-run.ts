import type { Phase, Prisma } from '@switchyard/db';
import { type QueueSql, queueQuery } from './sql';
import type { ClaimedRun } from './types';

/**
 * The claim as an UPDATE of the next claimable run, with `$worker` and `$leaseMs` standing for its
 * bind parameters and `extra` ANDed into its WHERE: the claim on its own, and the claim folded into
 * a finish (fenced-write.ts), are the same statement text.
 */
export function claimUpdateSql(worker: string, leaseMs: string, extra = ''): string {
  return `
  UPDATE "PhaseRun"
     SET status = 'running',
         "leaseOwner" = ${worker},
         "leaseExpiresAt" = now() + (${leaseMs}::int * interval '1 millisecond'),
         "fencingToken" = "fencingToken" + 1,
         "startedAt" = coalesce("startedAt", now()),
         "updatedAt" = now()
   WHERE id = (
     SELECT id FROM "PhaseRun"
      WHERE status = 'pending' AND "runAfter" <= now()
      ORDER BY priority, "runAfter"
      FOR UPDATE SKIP LOCKED
      LIMIT 1)${extra}
  RETURNING id, "taskId", phase::text AS phase, kind, iteration, "subtaskId", priority, "routingDecision",
            attempt, "maxAttempts", "leaseOwner", "leaseExpiresAt", "fencingToken"::text AS "fencingToken",
            "startedAt"`;
}

const CLAIM = claimUpdateSql('$1', '$2');

export type ClaimRow = Omit<ClaimedRun, 'fencingToken' | 'phase' | 'routingDecision'> & {
  fencingToken: string;
  phase: string;
  routingDecision: unknown;
};

/** A row of the claim's RETURNING as the worker holds it (bigint token, typed phase). */
export function toClaimedRun(row: ClaimRow): ClaimedRun {
  return {
    ...row,
    phase: row.phase as Phase,
    routingDecision: (row.routingDecision ?? null) as Prisma.JsonValue | null,
    fencingToken: BigInt(row.fencingToken),
  };
}

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
  return row ? toClaimedRun(row) : null;
}

/** The inner SELECT alone, for EXPLAIN in tests: it must stay on the partial index. */
export const CLAIM_CANDIDATE_SQL = `SELECT id FROM "PhaseRun" WHERE status = 'pending' AND "runAfter" <= now() ORDER BY priority, "runAfter" FOR UPDATE SKIP LOCKED LIMIT 1`;
