import pg from 'pg';
import { readMigrationsList, readSchemaFile } from './migrations-folder';
import { NO_FILTERS, openSchemaEngine, withPanicMessage } from './schema-engine';

// Any constant shared by every Switchyard process: web, workers and CLI runs serialise on it.
const MIGRATION_LOCK_KEY = 7_231_190_001;

export interface DeployResult {
  applied: string[];
}

/**
 * Applies pending migrations from prisma/migrations, like `prisma migrate deploy`.
 * Idempotent; concurrent callers queue on a PostgreSQL advisory lock, so each migration is applied
 * once however many processes start together.
 */
export async function applyPendingMigrations(
  databaseUrl: string,
  paths: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<DeployResult> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { engine, close } = await openSchemaEngine(databaseUrl, await readSchemaFile(paths.schemaPath));
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: await readMigrationsList(paths.migrationsDir),
        filters: NO_FILTERS,
      });
      return { applied: appliedMigrationNames };
    } catch (error) {
      throw withPanicMessage(error);
    } finally {
      await close();
    }
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}
