import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '@switchyard/db';
import { type ProjectPlaces, projectPlacesFrom } from '@switchyard/db/project-places';
import type { CustomProviderDef, WorkerEnv } from '@switchyard/providers';
import {
  createLogger,
  createPipelineHandler,
  type PipelineOptions,
  Worker,
  type WorkerConfig,
} from '@switchyard/worker';
import { SECRET_KEY } from './fixtures';

/** A real worker (queue + pipeline) in this process, on the test's database. */
export async function startWorker(
  databaseUrl: string,
  options: {
    env?: WorkerEnv;
    customProviders?: CustomProviderDef[];
    concurrency?: number;
    leaseMs?: number;
    /** SWITCHYARD_SANDBOX as the worker would read it (default "on": bubblewrap). */
    sandbox?: 'on' | 'off';
    /** Where projects may live (default: anywhere in the temporary folder). */
    places?: ProjectPlaces;
    /** The clock for resting pool keys and the sleep for waiting on a reset. */
    clock?: PipelineOptions['clock'];
  } = {},
) {
  const config: WorkerConfig = {
    databaseUrl,
    workerId: `test-worker-${process.pid}-${Math.random().toString(36).slice(2, 6)}`,
    concurrency: options.concurrency ?? 2,
    shutdownGraceMs: 5_000,
    leaseMs: options.leaseMs ?? 30_000,
    pollMs: 500,
    logLevel: 'silent',
    sandbox: options.sandbox ?? 'on',
  };
  const log = createLogger(process.env.TEST_WORKER_LOG ?? 'silent', config.workerId);
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 4 });
  const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worker-'));
  const handler = createPipelineHandler({
    prisma,
    secretKey: SECRET_KEY,
    env: options.env ?? {},
    customProviders: options.customProviders ?? [],
    dirs: { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') },
    // The tests' repositories live in the system's temporary folder.
    places:
      options.places ??
      projectPlacesFrom(
        { SWITCHYARD_PROJECT_ROOTS: tmpdir() },
        { installDir: join(scratch, 'install'), dataDir: join(scratch, 'data') },
      ),
    log,
    sandbox: config.sandbox,
    clock: options.clock,
  });
  const worker = new Worker(config, log, { handler, migrate: false });
  await worker.start();
  return {
    worktreesDir: join(scratch, 'worktrees'),
    stop: async () => {
      await worker.stop('test done');
      await prisma.$disconnect();
    },
  };
}
