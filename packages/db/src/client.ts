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
 * ends it; otherwise the client owns its pool and `$disconnect()` ends it, after which the client
 * cannot be used again.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { maxConnections?: number; pool?: pg.Pool } = {},
): PrismaClient {
  const owned = options.pool === undefined;
  const pool =
    options.pool ?? new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  if (owned)
    // The adapter listens only once Prisma has connected; sqlPoolOf's reads may come first, and an
    // idle connection the server closes (a restart) must not crash the process.
    pool.on('error', (error) =>
      console.warn(`database: an idle connection failed (${error.message}); the pool replaces it`),
    );
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  Object.defineProperty(client, SQL_POOL, { value: pool });
  if (owned) {
    // Whether or not Prisma ever connected (sqlPoolOf's reads do not make it), the pool ends here.
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      await disconnect();
      if (!pool.ended) await pool.end();
    };
  }
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
