import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };
/** A node-postgres pool (sqlPoolOf): what the hot reads written in plain SQL query. */
export type SqlPool = pg.Pool;

/**
 * Where a client createPrismaClient made keeps its node-postgres pool (see sqlPoolOf). A registered
 * symbol, not a module-level map: the dashboard loads this module twice (Next's bundle and the
 * server's own import), and a client made by one copy is used by the other.
 */
const SQL_POOL = Symbol.for('switchyard.sqlPool');
type WithPool = PrismaClient & { [SQL_POOL]?: pg.Pool };

/**
 * A Prisma client over node-postgres (no native engine). One per process; close it on shutdown.
 * Given `pool`, it shares that pool (the worker's queue statements use it directly) and the caller
 * ends it; otherwise the client owns its pool and `$disconnect()` ends it.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { maxConnections?: number; pool?: pg.Pool } = {},
): PrismaClient {
  const pool =
    options.pool ?? new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: options.pool === undefined });
  const client = new PrismaClient({ adapter });
  Object.defineProperty(client, SQL_POOL, { value: pool });
  return client;
}

/**
 * The node-postgres pool under a client made by createPrismaClient, for the few hot reads written in
 * plain SQL (docs/decisions/0016): the same connections, without Prisma's per-query mapping, which
 * cost a tasks.get request more CPU than its SQL.
 */
export function sqlPoolOf(prisma: PrismaClient): pg.Pool {
  const pool = (prisma as WithPool)[SQL_POOL];
  if (!pool) throw new Error('sqlPoolOf: this Prisma client was not made by createPrismaClient');
  return pool;
}
