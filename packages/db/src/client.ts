import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };

/**
 * A Prisma client over node-postgres (no native engine). One per process; close it on shutdown.
 * Given `pool`, it shares that pool (the worker's queue statements use it directly); the caller
 * ends it.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { maxConnections?: number; pool?: pg.Pool } = {},
): PrismaClient {
  const adapter = new PrismaPg(
    options.pool ?? { connectionString: databaseUrl, max: options.maxConnections ?? 10 },
  );
  return new PrismaClient({ adapter });
}
