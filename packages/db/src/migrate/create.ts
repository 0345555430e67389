import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
 * Needs a role that may CREATE DATABASE. Does not apply it: `pnpm db:migrate` does.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<CreateResult> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(
      `Migration name "${name}" is not valid: use lower-case letters, digits and underscores, e.g. add_task_labels.`,
    );
  }
  const schema = await readSchemaFile();
  const migrationsList = await readMigrationsList(migrationsDir);
  const engine = await openSchemaEngine(databaseUrl, schema);
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
    engine.free();
  }
}
