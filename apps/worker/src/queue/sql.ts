import pg from 'pg';

/**
 * The queue's hot path (claim, heartbeat, recovery, event flushes and plain finishes) talks to
 * PostgreSQL through node-postgres directly, with named (prepared) statements, one round trip each:
 * Prisma cost about 0.8 ms of worker CPU per statement and a transaction per write
 * (bench/reports/queue.md). Handlers' own transactions (artifacts, next phases) stay on Prisma,
 * over the same pool.
 */
export type QueueSql = Pick<pg.Pool, 'query'>;

/** A pool for the queue and, through PrismaPg, for the worker's Prisma client. */
export function createQueuePool(
  databaseUrl: string,
  maxConnections: number,
  onIdleError: (error: Error) => void,
): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle connection the server closed (a restart, an administrator, a dropped database) is
  // discarded by the pool; without a listener its 'error' event would crash the process.
  pool.on('error', onIdleError);
  return pool;
}

/** Runs a named statement (prepared once per connection) and returns its rows. */
export async function queueQuery<R extends pg.QueryResultRow>(
  sql: QueueSql,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const result = await sql.query<R>({ name: `switchyard-${name}`, text, values });
  return result.rows;
}
