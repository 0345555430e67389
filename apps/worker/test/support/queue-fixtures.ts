import type { PrismaClient } from '@switchyard/db';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import type { TestDatabase } from '@switchyard/db/testing';
import pg from 'pg';
import { createLogger } from '../../src/logger';
import { type PhaseHandler, WorkerLoop, type WorkerLoopOptions } from '../../src/queue';

let counter = 0;

const pools = new Map<string, pg.Pool>();

/** The queue's own connection pool (claims, heartbeats, fenced statements) for a test database. */
export function queueSql(db: { url: string }): pg.Pool {
  let pool = pools.get(db.url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    // A connection still out when the database is dropped is terminated by the server: expected here.
    pool.on('error', () => {});
    pools.set(db.url, pool);
  }
  return pool;
}

/** Ends every pool queueSql opened (before the test database is dropped). */
export async function closeQueueSql(): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.end()));
  pools.clear();
}

/** A team, a project and a task to hang runs on. */
export async function createTask(prisma: PrismaClient): Promise<{ taskId: string }> {
  counter += 1;
  const slug = `team-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const team = await prisma.team.create({ data: { name: 'Queue tests', slug } });
  const project = await prisma.project.create({ data: { teamId: team.id, name: 'repo' } });
  const task = await prisma.task.create({
    data: { teamId: team.id, projectId: project.id, title: 'queue test', description: 'exercise the queue' },
  });
  return { taskId: task.id };
}

export async function enqueueRuns(
  prisma: PrismaClient,
  taskId: string,
  count: number,
  extra: { maxAttempts?: number; priority?: number } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const run = await enqueuePhaseRun(prisma, {
      taskId,
      phase: 'coding',
      kind: 'coding.subtask',
      subtaskId: `subtask-${i}`,
      routingDecision: { provider: 'test' },
      ...extra,
    });
    ids.push(run.id);
  }
  return ids;
}

/** A WorkerLoop in this process, with quiet logs and test-friendly timings unless overridden. */
export function startLoop(
  db: TestDatabase,
  handler: PhaseHandler,
  options: Partial<WorkerLoopOptions> = {},
): Promise<WorkerLoop> & { loop: WorkerLoop } {
  const loop = new WorkerLoop({
    prisma: db.prisma,
    sql: queueSql(db),
    databaseUrl: db.url,
    workerId: options.workerId ?? `in-process-${Math.random().toString(36).slice(2, 8)}`,
    concurrency: 2,
    leaseMs: 30_000,
    pollMs: 200,
    shutdownGraceMs: 1_000,
    log: createLogger('silent', 'test'),
    ...options,
    handler,
  });
  return Object.assign(
    loop.start().then(() => loop),
    { loop },
  );
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, everyMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when `signal` aborts, with its reason. */
export function aborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );
}
