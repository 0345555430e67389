import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { serverEnv } from '@/env';

// One client (and connection pool) per process. Cached on globalThis so that dev-mode hot reloads,
// which re-evaluate this module, do not open a new pool each time.
const globalForPrisma = globalThis as typeof globalThis & { switchyardPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.switchyardPrisma ??= createPrismaClient(serverEnv().DATABASE_URL);
  return globalForPrisma.switchyardPrisma;
}
