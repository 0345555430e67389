import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };

/** A Prisma client over node-postgres (no native engine). One per process; close it on shutdown. */
export function createPrismaClient(
  databaseUrl: string,
  options: { maxConnections?: number } = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
