import type { PrismaClient } from '@switchyard/db';

/** What every procedure receives. Auth (session, team, role) joins it in a later issue. */
export type Context = {
  prisma: PrismaClient;
};

/** The context for one request. The caller owns the Prisma client (one per process). */
export function createContext(prisma: PrismaClient): Context {
  return { prisma };
}
