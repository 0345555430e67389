import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../client';
import { applyPendingMigrations } from '../migrate/deploy';

export interface TestDatabase {
  url: string;
  name: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the test server (`DATABASE_URL`'s server), so that tests never share state.
 * Migrated unless `migrate: false`.
 */
export async function createTestDatabase(
  serverUrl: string,
  options: { migrate?: boolean; prefix?: string } = {},
): Promise<TestDatabase> {
  const name = `${options.prefix ?? 'switchyard_test'}_${randomBytes(5).toString('hex')}`;
  await runAdmin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  if (options.migrate !== false) await applyPendingMigrations(url);
  const prisma = createPrismaClient(url, { maxConnections: 4 });
  return {
    url,
    name,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await runAdmin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdmin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
