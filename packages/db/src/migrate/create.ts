import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPendingMigrations } from './deploy';
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  readMigrationsList,
  readSchemaFile,
} from './migrations-folder';
import { NO_FILTERS, openSchemaEngine, withPanicMessage } from './schema-engine';

export interface CreateResult {
  /** The new folder's name, or null when the schema matches the migrations already. */
  migrationName: string | null;
  path: string | null;
}

/**
 * Writes a new migration from the difference between prisma/schema.prisma and the existing
 * migrations (replayed on a throw-away shadow database), like `prisma migrate dev --create-only`.
 * Applies pending migrations first; does not apply the new one (`pnpm db:migrate` does).
 * Needs a role that may CREATE DATABASE (for the shadow database).
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  paths: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<CreateResult> {
  const migrationsDir = paths.migrationsDir ?? MIGRATIONS_DIR;
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(
      `Migration name "${name}" is not valid: use lower-case letters, digits and underscores, e.g. add_task_labels.`,
    );
  }
  // Like `prisma migrate dev`: bring the database up to the existing migrations first (the engine
  // cannot diff a database that is behind them).
  await applyPendingMigrations(databaseUrl, paths);
  const schema = await readSchemaFile(paths.schemaPath);
  const migrationsList = await readMigrationsList(migrationsDir);
  const { engine, close } = await openSchemaEngine(databaseUrl, schema);
  try {
    // The engine refuses to create a migration before it has diagnosed the database's history.
    await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
    const output = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schema.path, content: schema.content }] },
      filters: NO_FILTERS,
    });
    if (!output.migrationScript) return { migrationName: null, path: null };
    const folder = join(migrationsDir, output.generatedMigrationName);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'migration.sql'), output.migrationScript);
    await writeFile(join(migrationsDir, LOCKFILE_NAME), LOCKFILE_CONTENT);
    return { migrationName: output.generatedMigrationName, path: folder };
  } catch (error) {
    throw withPanicMessage(error);
  } finally {
    await close();
  }
}
