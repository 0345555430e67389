import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '@switchyard/db';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import type { TestDatabase } from '@switchyard/db/testing';
import { makeWorkerUtils, runMigrations, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
// The queue's own multi-process test harness: a real worker process (config, Worker, WorkerLoop)
// with the `record` handler, which inserts a row into queue_test_handled and finishes the run.
import { createTask } from '../../apps/worker/test/support/queue-fixtures';
import { spawnWorker } from '../../apps/worker/test/support/spawn-worker';

/** Wall-clock milliseconds with sub-millisecond precision, comparable with PostgreSQL's clock_timestamp(). */
export const wallClockMs = () => performance.timeOrigin + performance.now();

export interface Handling {
  id: string;
  handledAtMs: number;
}

/** One queue under test, on its own fresh database. */
export interface QueueSystem {
  readonly name: string;
  readonly db: TestDatabase;
  startWorkers(processes: number, concurrency: number, extraEnv?: Record<string, string>): Promise<void>;
  stopWorkers(): Promise<void>;
  /** Makes one run pending; resolves with its id and the instant its transaction committed. */
  enqueueOne(): Promise<{ id: string; committedAtMs: number }>;
  /** Makes `count` runs pending in one transaction (all at once); resolves with the commit instant. */
  enqueueBatch(count: number): Promise<{ ids: string[]; committedAtMs: number }>;
  /** When each run started being handled (the handler's first statement, clock_timestamp()). */
  handlings(): Promise<Handling[]>;
  clearHandlings(): Promise<void>;
  /** CPU time (user + system) the running worker processes have used so far. */
  workerCpuMs(): number;
  /** Sends `signal` to every running worker process (the profiler scenario's SIGUSR2). */
  signalWorkers(signal: NodeJS.Signals): void;
  close(): Promise<void>;
}

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a live process, from /proc/<pid>/stat (fields 14 and 15). */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1000;
  } catch {
    return 0;
  }
}

const HANDLED_AT = `extract(epoch from "handledAt") * 1000`;

/** The worker processes a queue system started: stopping them and summing their CPU is the same for both. */
abstract class WorkerFleet {
  protected workers: { child: ChildProcess; exited: Promise<unknown> }[] = [];

  async stopWorkers() {
    for (const worker of this.workers) worker.child.kill('SIGTERM');
    await Promise.all(this.workers.map((w) => w.exited));
    this.workers = [];
  }

  workerCpuMs() {
    return this.workers.reduce((sum, w) => sum + processCpuMs(w.child.pid), 0);
  }

  signalWorkers(signal: NodeJS.Signals) {
    for (const worker of this.workers) worker.child.kill(signal);
  }
}

export class SwitchyardQueue extends WorkerFleet implements QueueSystem {
  readonly name = 'Switchyard';
  private constructor(
    readonly db: TestDatabase,
    private readonly taskId: string,
  ) {
    super();
  }

  static async create(db: TestDatabase): Promise<SwitchyardQueue> {
    // The test worker's INSERT names three columns; the fourth stamps when the handler started.
    await db.prisma.$executeRawUnsafe(`
      CREATE TABLE queue_test_handled ("runId" text NOT NULL, "workerId" text NOT NULL, attempt int NOT NULL,
                                       "handledAt" timestamptz NOT NULL DEFAULT clock_timestamp())`);
    const { taskId } = await createTask(db.prisma);
    return new SwitchyardQueue(db, taskId);
  }

  async startWorkers(processes: number, concurrency: number, extraEnv: Record<string, string> = {}) {
    const started = await Promise.all(
      Array.from({ length: processes }, (_, n) =>
        spawnWorker({
          DATABASE_URL: this.db.url,
          WORKER_ID: `switchyard-${n + 1}`,
          WORKER_CONCURRENCY: String(concurrency),
          QUEUE_TEST_HANDLER: 'record',
          ...extraEnv,
        }),
      ),
    );
    // Drain the pino lines the harness keeps, so that memory stays flat over thousands of runs.
    for (const worker of started) worker.child.stdout?.on('data', () => worker.lines.splice(0));
    this.workers.push(...started);
  }

  async enqueueOne() {
    const run = await enqueuePhaseRun(this.db.prisma, this.input(0));
    return { id: run.id, committedAtMs: wallClockMs() };
  }

  async enqueueBatch(count: number) {
    const ids = await this.db.prisma.$transaction(
      async (tx) => {
        const out: string[] = [];
        for (let i = 0; i < count; i += 1) out.push((await enqueuePhaseRun(tx, this.input(i))).id);
        return out;
      },
      { timeout: 300_000, maxWait: 10_000 },
    );
    return { ids, committedAtMs: wallClockMs() };
  }

  private input(i: number) {
    return {
      taskId: this.taskId,
      phase: 'coding' as const,
      kind: 'coding.subtask',
      subtaskId: `subtask-${i}`,
      routingDecision: { provider: 'bench' },
    };
  }

  async handlings() {
    const rows = await this.db.prisma.$queryRawUnsafe<{ id: string; at: number }[]>(
      `SELECT "runId" AS id, (${HANDLED_AT})::float8 AS at FROM queue_test_handled`,
    );
    return rows.map((r) => ({ id: r.id, handledAtMs: r.at }));
  }

  async clearHandlings() {
    await this.db.prisma.$executeRawUnsafe('TRUNCATE queue_test_handled');
  }

  /**
   * The claim's inner SELECT under EXPLAIN ANALYZE with `backlog` more pending runs on top of the
   * table's history (call it with the workers stopped); the plan's row locks are rolled back.
   */
  async explainClaim(sql: string, backlog: number): Promise<string> {
    await this.enqueueBatch(backlog);
    await this.db.prisma.$executeRawUnsafe('ANALYZE "PhaseRun"');
    let plan = '';
    await this.db.prisma
      .$transaction(async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`,
        );
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    const [{ rows, pending }] = (await this.db.prisma.$queryRawUnsafe<{ rows: number; pending: number }[]>(
      `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE status = 'pending'))::int AS pending FROM "PhaseRun"`,
    )) as [{ rows: number; pending: number }];
    return `-- "PhaseRun": ${rows} rows, ${pending} pending\n${plan}`;
  }

  async close() {
    await this.stopWorkers();
    await this.db.drop();
  }

  get prisma(): PrismaClient {
    return this.db.prisma;
  }
}

class RollBack extends Error {}

const graphileEntry = fileURLToPath(new URL('./graphile-worker-process.ts', import.meta.url));

export class GraphileQueue extends WorkerFleet implements QueueSystem {
  readonly name = 'graphile-worker 0.17.3';
  private constructor(
    readonly db: TestDatabase,
    private readonly pool: pg.Pool,
    private readonly utils: WorkerUtils,
  ) {
    super();
  }

  static async create(db: TestDatabase): Promise<GraphileQueue> {
    await runMigrations({ connectionString: db.url });
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    const onError = (error: Error) => process.stderr.write(`graphile benchmark pool: ${error.message}\n`);
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    await pool.query(`
      CREATE TABLE bench_handled (job_id text NOT NULL, worker_id text NOT NULL, attempt int NOT NULL,
                                  "handledAt" timestamptz NOT NULL DEFAULT clock_timestamp())`);
    const utils = await makeWorkerUtils({ pgPool: pool });
    return new GraphileQueue(db, pool, utils);
  }

  async startWorkers(processes: number, concurrency: number, extraEnv: Record<string, string> = {}) {
    const started = await Promise.all(
      Array.from({ length: processes }, async (_, n) => {
        const child = spawn(process.execPath, ['--import', 'tsx', graphileEntry], {
          env: {
            ...process.env,
            DATABASE_URL: this.db.url,
            WORKER_ID: `graphile-${n + 1}`,
            WORKER_CONCURRENCY: String(concurrency),
            ...extraEnv,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const exited = new Promise((resolve) => child.on('exit', resolve));
        await new Promise<void>((resolve, reject) => {
          const lines = createInterface({ input: child.stdout! });
          lines.on('line', (line) => {
            if (line === 'ready') resolve();
          });
          void exited.then((code) => reject(new Error(`graphile-worker exited (${code}):\n${stderr}`)));
        });
        return { child, exited };
      }),
    );
    this.workers.push(...started);
  }

  async enqueueOne() {
    const job = await this.utils.addJob('record', {});
    return { id: job.id, committedAtMs: wallClockMs() };
  }

  async enqueueBatch(count: number) {
    const client = await this.pool.connect();
    const ids: string[] = [];
    try {
      await client.query('BEGIN');
      for (let i = 0; i < count; i += 1) {
        const { rows } = await client.query<{ id: string }>(
          "SELECT (graphile_worker.add_job('record', json_build_object('i', $1::int))).id::text AS id",
          [i],
        );
        ids.push(rows[0]!.id);
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return { ids, committedAtMs: wallClockMs() };
  }

  async handlings() {
    const { rows } = await this.pool.query<{ id: string; at: number }>(
      `SELECT job_id AS id, (${HANDLED_AT})::float8 AS at FROM bench_handled`,
    );
    return rows.map((r) => ({ id: r.id, handledAtMs: r.at }));
  }

  async clearHandlings() {
    await this.pool.query('TRUNCATE bench_handled');
  }

  async close() {
    await this.stopWorkers();
    await this.utils.release();
    await this.pool.end();
    await this.db.drop();
  }
}

/** Commits made in this database so far (pg_stat_database; flushed when backends exit). */
export async function commitsIn(serverUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
