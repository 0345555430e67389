// The database of the product serve.ts started (it writes the URL next to its log), for the few tests
// that set up what only a worker writes, e.g. a credential resting after a provider's rate limit.
import { readFileSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';

const port = Number(process.env.E2E_PORT ?? 3100);
const URL_FILE = new URL(`../../../.data/test-results/e2e-database-${port}.url`, import.meta.url).pathname;

/** A Prisma client on the running product's database; disconnect it when done. */
export function e2eDatabase(): PrismaClient {
  return createPrismaClient(readFileSync(URL_FILE, 'utf8').trim(), { maxConnections: 2 });
}
