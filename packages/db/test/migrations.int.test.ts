import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPendingMigrations, createMigration, MIGRATIONS_DIR, SCHEMA_PATH } from '../src/migrate';
import type { TestDatabase } from '../src/testing/vitest';
import { freshDatabase } from '../src/testing/vitest';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function emptyDatabase(): Promise<TestDatabase> {
  const db = await freshDatabase({ migrate: false });
  cleanups.push(db.drop);
  return db;
}

async function appliedMigrations(url: string): Promise<{ name: string; count: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT migration_name AS name, count(*)::int AS count FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY 1',
    );
    return rows;
  } finally {
    await client.end();
  }
}

function runMigrateCli(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const cli = fileURLToPath(new URL('../src/migrate/cli.ts', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'deploy'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('pnpm db:migrate', () => {
  it('applies every migration to an empty database, and a second run is a no-op', async () => {
    const db = await emptyDatabase();
    const migrationCount = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) =>
      e.isDirectory(),
    ).length;

    const first = await applyPendingMigrations(db.url);
    const second = await applyPendingMigrations(db.url);

    expect(first.applied).toHaveLength(migrationCount);
    expect(second.applied).toEqual([]);
    const applied = await appliedMigrations(db.url);
    expect(applied.every((row) => row.count === 1)).toBe(true);
  });

  it('creates the partial index the claim query relies on', async () => {
    const db = await emptyDatabase();
    await applyPendingMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'PhaseRun_claimable'",
    );
    await client.end();
    expect(rows[0]?.indexdef).toMatch(/WHERE \(status = 'pending'::"RunStatus"\)/);
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    const db = await emptyDatabase();
    const [a, b] = await Promise.all([runMigrateCli(db.url), runMigrateCli(db.url)]);

    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    // One process applied the migrations, the other waited on the lock and found nothing to do.
    expect([a.output, b.output].filter((out) => out.includes('Applied'))).toHaveLength(1);
    expect([a.output, b.output].filter((out) => out.includes('No pending migrations'))).toHaveLength(1);
    const applied = await appliedMigrations(db.url);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((row) => row.count === 1)).toBe(true);
  });
});

describe('pnpm db:migrate:create', () => {
  it('writes a migration for a schema change that applies cleanly on a database at the previous migration', async () => {
    const db = await emptyDatabase();
    await applyPendingMigrations(db.url);
    const work = await mkdtemp(join(tmpdir(), 'switchyard-migrate-'));
    cleanups.push(async () => {});
    const migrationsDir = join(work, 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = join(work, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    await writeFile(
      schemaPath,
      schema.replace(
        '  defaultBranch String   @default("main")',
        '  defaultBranch String   @default("main")\n  labels        String[]',
      ),
    );

    const created = await createMigration(db.url, 'add_project_labels', { migrationsDir, schemaPath });

    expect(created.migrationName).toMatch(/^\d{14}_add_project_labels$/);
    const sql = await readFile(join(created.path!, 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "Project" ADD COLUMN     "labels" TEXT[]');
    // The hand-written partial indexes survive: the new migration does not drop them.
    expect(sql).not.toContain('DROP INDEX');

    const { applied } = await applyPendingMigrations(db.url, { migrationsDir, schemaPath });
    expect(applied).toEqual([created.migrationName]);
    await db.prisma.$executeRawUnsafe('SELECT "labels" FROM "Project"');
  });

  it('creates nothing when the schema already matches the migrations', async () => {
    const db = await emptyDatabase();
    const work = await mkdtemp(join(tmpdir(), 'switchyard-migrate-'));
    const migrationsDir = join(work, 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });

    const created = await createMigration(db.url, 'nothing_changed', { migrationsDir });

    expect(created).toEqual({ migrationName: null, path: null });
  });

  it('rejects a name that would make a bad folder name, saying what is allowed', async () => {
    await expect(createMigration('postgresql://unused/db', 'Add Labels!')).rejects.toThrow(
      /use lower-case letters, digits and underscores/,
    );
  });
});
