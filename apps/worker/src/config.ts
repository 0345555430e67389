import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// Every variable the worker reads, validated once at start (ARCHITECTURE.md §9).
const WorkerEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL, or unset to use the embedded database')
    .optional(),
  WORKER_ID: z.string().trim().min(1).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int('must be a whole number').min(1).max(64).default(2),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  // A claimed run's lease; renewed every third of it. Shorter = faster crash recovery, more writes.
  WORKER_LEASE_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(1_000)
    .max(600_000)
    .default(30_000),
  // Fallback polling when no NOTIFY arrives (listener down, runAfter in the future).
  WORKER_POLL_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(100)
    .max(600_000)
    .default(2_000),
  // A started model response that sends nothing for this long fails as a timeout and is retried.
  WORKER_STREAM_IDLE_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(1_000)
    .max(3_600_000)
    .default(180_000),
  // Agent commands run in bubblewrap; "off" runs them on the host, recorded on every run (decision 0008).
  SWITCHYARD_SANDBOX: z
    .enum(
      ['on', 'off'],
      'must be "on" (the default: agent commands run in bubblewrap) or "off" (unsandboxed, not recommended)',
    )
    .default('on'),
  // A team's search backend (SearXNG) may be on loopback or a private network only when the operator
  // says so; link-local and cloud-metadata addresses are refused either way (tools/address-vetting.ts).
  SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE: z
    .enum(
      ['on', 'off'],
      'must be "on" (teams\' search backends may be on loopback or a private network) or "off" (the default: public addresses only)',
    )
    .default('off'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // This worker's own folder: task worktrees and its clones of the projects (default: the data
  // directory). Nothing in it is shared: workers on other machines rebuild from the branch store.
  WORKER_DATA_DIR: z.string().trim().min(1).optional(),
  // Moves the task worktrees alone (the clones go beside them, in ../repos).
  SWITCHYARD_WORKTREES_DIR: z.string().trim().min(1).optional(),
  // Operator-defined providers beyond the built-ins, e.g. the offline demo or a company gateway.
  SWITCHYARD_CUSTOM_PROVIDERS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return [];
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          id: z.string().min(1),
          label: z.string().optional(),
          protocol: z.enum(['anthropic-messages', 'openai-chat']),
          baseUrl: z.url().optional(),
        }),
        'must be a JSON array of {"id", "label", "protocol": "anthropic-messages" | "openai-chat", "baseUrl"}',
      ),
    ),
});

export type WorkerConfig = {
  databaseUrl: string | undefined;
  workerId: string;
  concurrency: number;
  shutdownGraceMs: number;
  leaseMs: number;
  pollMs: number;
  /** A started stream with no event for this long fails as a timeout (WORKER_STREAM_IDLE_MS). */
  streamIdleMs?: number;
  logLevel: z.infer<typeof WorkerEnv>['LOG_LEVEL'];
  /** SWITCHYARD_SANDBOX: "off" only when the operator says so. */
  sandbox: 'on' | 'off';
  /** SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE=on: a team's search backend may be on loopback or a private network. */
  webSearchAllowPrivate?: boolean;
  /** WORKER_DATA_DIR. Null: the data directory. */
  workerDataDir?: string | null;
  /** Null: `<worker data dir>/worktrees`. */
  worktreesDir?: string | null;
  customProviders?: z.infer<typeof WorkerEnv>['SWITCHYARD_CUSTOM_PROVIDERS'];
};

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError naming each variable and what it expects. */
export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = WorkerEnv.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) =>
        `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
    );
    throw new ConfigError(
      `Invalid worker configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`,
    );
  }
  const value = parsed.data;
  return {
    databaseUrl: value.DATABASE_URL,
    workerId: value.WORKER_ID ?? `${hostname()}:${process.pid}`,
    concurrency: value.WORKER_CONCURRENCY,
    shutdownGraceMs: value.WORKER_SHUTDOWN_GRACE_MS,
    leaseMs: value.WORKER_LEASE_MS,
    pollMs: value.WORKER_POLL_MS,
    streamIdleMs: value.WORKER_STREAM_IDLE_MS,
    logLevel: value.LOG_LEVEL,
    sandbox: value.SWITCHYARD_SANDBOX,
    webSearchAllowPrivate: value.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE === 'on',
    workerDataDir: value.WORKER_DATA_DIR ?? null,
    worktreesDir: value.SWITCHYARD_WORKTREES_DIR ?? null,
    customProviders: value.SWITCHYARD_CUSTOM_PROVIDERS,
  };
}

/** This worker's own folders: task worktrees and project clones (WORKER_DATA_DIR, SWITCHYARD_WORKTREES_DIR). */
export function workerDirs(
  config: Pick<WorkerConfig, 'workerDataDir' | 'worktreesDir'>,
  dataDir: string,
): { worktreesDir: string; reposDir: string } {
  if (config.worktreesDir)
    return { worktreesDir: config.worktreesDir, reposDir: join(config.worktreesDir, '..', 'repos') };
  const own = config.workerDataDir ?? dataDir;
  return { worktreesDir: join(own, 'worktrees'), reposDir: join(own, 'repos') };
}
