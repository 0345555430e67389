import { type QueueSql, queueQuery } from './sql';

export type ExtendLeaseResult = 'extended' | 'lost' | 'task-cancelled';

const EXTEND = `
  UPDATE "PhaseRun" AS r
     SET "leaseExpiresAt" = now() + ($3::int * interval '1 millisecond'), "updatedAt" = now()
    FROM "Task" AS t
   WHERE r.id = $1 AND r."fencingToken" = $2::bigint AND r.status = 'running'
     AND t.id = r."taskId"
  RETURNING t.status::text AS "taskStatus"`;

/**
 * The heartbeat statement: pushes the lease out by `leaseMs`, only while this worker's token still
 * holds a running run. Zero rows means the lease is lost. It also reports a cancelled task, so a
 * cancel whose NOTIFY this worker missed (listener reconnecting) still lands within one heartbeat.
 */
export async function extendLease(
  sql: QueueSql,
  lease: { runId: string; fencingToken: bigint; leaseMs: number },
): Promise<ExtendLeaseResult> {
  const [row] = await queueQuery<{ taskStatus: string }>(sql, 'extend-lease', EXTEND, [
    lease.runId,
    String(lease.fencingToken),
    lease.leaseMs,
  ]);
  if (!row) return 'lost';
  return row.taskStatus === 'cancelled' ? 'task-cancelled' : 'extended';
}
