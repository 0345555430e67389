import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { applyPendingMigrations } from '@switchyard/db/migrate';
import { openDatabase, type RunningDatabase } from '@switchyard/db/open';
import type { WorkerConfig } from './config';
import type { Logger } from './logger';

/**
 * The worker process: connects to the database (migrating it first), then waits for phase runs.
 * The queue itself (claiming, leases, the pipeline) arrives with the worker issue; this is the
 * process shell it lives in: configuration, logs, readiness and clean shutdown.
 */
export class Worker {
  private database: RunningDatabase | undefined;
  private prisma: PrismaClient | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.database = await openDatabase({ DATABASE_URL: this.config.databaseUrl }, (line) =>
      this.log.info(line),
    );
    const { applied } = await applyPendingMigrations(this.database.url);
    if (applied.length) this.log.info({ applied }, 'applied pending migrations');
    this.prisma = createPrismaClient(this.database.url, { maxConnections: this.config.concurrency + 2 });
    await this.prisma.$queryRaw`SELECT 1`;
    this.log.info({ concurrency: this.config.concurrency }, 'worker ready');
  }

  /** Idempotent: a second call returns the same promise. */
  stop(reason: string): Promise<void> {
    this.stopping ??= (async () => {
      this.log.info({ reason }, 'worker stopping');
      await this.prisma?.$disconnect();
      await this.database?.stop();
      this.log.info('worker stopped');
    })();
    return this.stopping;
  }
}
