import type { Prisma } from '../generated/prisma/client';

/**
 * `pg_notify` rather than `NOTIFY`: the channel and payload are bind parameters. Postgres delivers
 * the notification only when the surrounding transaction commits, so listeners never wake for a row
 * they cannot see yet, and never for one that was rolled back.
 */
export async function notify(tx: Prisma.TransactionClient, channel: string, payload: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}
