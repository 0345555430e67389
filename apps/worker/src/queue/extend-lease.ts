import type { PrismaClient } from '@switchyard/db';

export type ExtendLeaseResult = 'extended' | 'lost' | 'task-cancelled';

/**
 * The heartbeat statement: pushes the lease out by `leaseMs`, only while this worker's token still
 * holds a running run. Zero rows means the lease is lost. It also reports a cancelled task, so a
 * cancel whose NOTIFY this worker missed (listener reconnecting) still lands within one heartbeat.
 */
export async function extendLease(
  db: PrismaClient,
  lease: { runId: string; fencingToken: bigint; leaseMs: number },
): Promise<ExtendLeaseResult> {
  const rows = await db.$queryRaw<{ taskStatus: string }[]>`
    UPDATE "PhaseRun" AS r
       SET "leaseExpiresAt" = now() + (${lease.leaseMs}::int * interval '1 millisecond'), "updatedAt" = now()
      FROM "Task" AS t
     WHERE r.id = ${lease.runId} AND r."fencingToken" = ${lease.fencingToken}::bigint AND r.status = 'running'
       AND t.id = r."taskId"
    RETURNING t.status::text AS "taskStatus"`;
  const row = rows[0];
  if (!row) return 'lost';
  return row.taskStatus === 'cancelled' ? 'task-cancelled' : 'extended';
}
