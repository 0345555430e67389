import type { PrismaClient } from '../client';
import type { Prisma } from '../generated/prisma/client';

/** A Prisma client or an interactive transaction client: what the queue statements run on. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/**
 * Runs `fn` in a transaction: `db`'s own when it is a transaction client already, a new one when it
 * is the client itself. Lets a caller batch a queue write into its own transaction, or not.
 */
export function inTransaction<T>(db: DbClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return db.$transaction(fn);
  return fn(db);
}
