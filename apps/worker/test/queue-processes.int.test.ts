import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLostError, PhaseRunLease } from '../src/queue';
import type { ClaimedRun } from '../src/queue/types';
import { closeQueueSql, createTask, enqueueRuns, queueSql, waitFor } from './support/queue-fixtures';
import { type SpawnedWorker, spawnWorker } from './support/spawn-worker';

// Real worker processes (test/support/queue-test-worker.ts) against one database: what a deployment
// with several machines looks like.
let db: TestDatabase;
let workers: SpawnedWorker[] = [];
beforeAll(async () => {
  db = await freshDatabase();
  await db.prisma.$executeRaw`
    CREATE TABLE queue_test_handled ("runId" text NOT NULL, "workerId" text NOT NULL, attempt int NOT NULL)`;
});
afterEach(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  workers = [];
  await db.prisma.$executeRaw`TRUNCATE queue_test_handled`;
  await db.prisma.phaseRun.deleteMany();
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});

async function start(env: Record<string, string>): Promise<SpawnedWorker> {
  const worker = await spawnWorker({ DATABASE_URL: db.url, WORKER_POLL_MS: '500', ...env });
  workers.push(worker);
  return worker;
}

const handlings = (runId?: string) =>
  db.prisma.$queryRaw<{ runId: string; workerId: string; attempt: number }[]>`
    SELECT "runId", "workerId", attempt FROM queue_test_handled
     WHERE ${runId ?? null}::text IS NULL OR "runId" = ${runId ?? null}::text ORDER BY attempt`;
const runRow = (id: string) => db.prisma.phaseRun.findUniqueOrThrow({ where: { id } });

describe('several worker processes on one queue', () => {
  it('run each of 200 phase runs exactly once', async () => {
    // Every process is ready before the runs arrive: the first ones up could drain 200 trivial runs
    // before the last one starts.
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        start({ WORKER_ID: `proc-${n}`, WORKER_CONCURRENCY: '3', QUEUE_TEST_HANDLER: 'record' }),
      ),
    );
    const { taskId } = await createTask(db.prisma);
    const ids = await enqueueRuns(db.prisma, taskId, 200);

    await waitFor(async () => (await db.prisma.phaseRun.count({ where: { status: 'succeeded' } })) === 200, {
      timeoutMs: 60_000,
      what: '200 succeeded runs',
    });

    const handled = await handlings();
    expect(handled).toHaveLength(200);
    expect(new Set(handled.map((h) => h.runId))).toEqual(new Set(ids));
    // Every process took part, and each run has exactly the one event its single handling wrote.
    expect(new Set(handled.map((h) => h.workerId)).size).toBe(4);
    const events = await db.prisma.phaseEvent.groupBy({
      by: ['phaseRunId'],
      _count: { _all: true },
      _max: { seq: true },
    });
    expect(events).toHaveLength(200);
    expect(events.every((e) => e._count._all === 1 && e._max.seq === 1)).toBe(true);
    const runs = await db.prisma.phaseRun.findMany({ where: { id: { in: ids } } });
    expect(runs.every((run) => run.attempt === 1 && run.fencingToken === 1n && run.leaseOwner === null)).toBe(
      true,
    );
  }, 120_000);

  it('finish the run of a worker killed mid-run once its lease expires, and never accept its writes again', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    const doomed = await start({ WORKER_ID: 'doomed', WORKER_LEASE_MS: '1500', QUEUE_TEST_HANDLER: 'block' });
    await waitFor(async () => (await db.prisma.phaseEvent.count({ where: { phaseRunId: id! } })) === 3, {
      what: 'the first attempt to write its events',
    });
    const asClaimed = await runRow(id!);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');

    const killedAt = Date.now();
    await start({ WORKER_ID: 'rescuer', WORKER_LEASE_MS: '1500', QUEUE_TEST_HANDLER: 'record' });
    await waitFor(async () => (await runRow(id!)).status === 'succeeded', {
      timeoutMs: 15_000,
      what: 'rescue',
    });

    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await runRow(id!)).toMatchObject({ attempt: 2, fencingToken: 2n, leaseOwner: null });
    expect(await handlings(id!)).toEqual([
      { runId: id, workerId: 'doomed', attempt: 1 },
      { runId: id, workerId: 'rescuer', attempt: 2 },
    ]);

    // The dead worker's lease, should it come back, can write nothing.
    const deadLease = new PhaseRunLease(db.prisma, queueSql(db), asClaimed as unknown as ClaimedRun, {
      workerId: 'doomed',
      leaseMs: 1_500,
    });
    deadLease.appendEvents([{ type: 'log', payload: { from: 'the dead' } }]);
    await expect(deadLease.flushEvents()).rejects.toBeInstanceOf(LeaseLostError);
    await expect(deadLease.withFencedTransaction(async () => 'write')).rejects.toBeInstanceOf(LeaseLostError);
    deadLease.end();

    // Events: the first attempt's three flushed ones, then the second attempt's one; no seq twice.
    const events = await db.prisma.phaseEvent.findMany({
      where: { phaseRunId: id! },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => (e.payload as { attempt: number }).attempt)).toEqual([1, 1, 1, 2]);
  }, 60_000);

  it('let a run finish within the grace period on SIGTERM', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    const worker = await start({
      WORKER_SHUTDOWN_GRACE_MS: '10000',
      QUEUE_TEST_HANDLER: 'slow',
      QUEUE_TEST_DELAY_MS: '1500',
    });
    await waitFor(async () => (await handlings(id!)).length === 1, { what: 'the run to start' });

    worker.child.kill('SIGTERM');

    expect((await worker.exited).code).toBe(0);
    expect(await runRow(id!)).toMatchObject({ status: 'succeeded', attempt: 1 });
  }, 60_000);

  it('release a run that outlives the grace period on SIGTERM, for another worker to finish', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    const stubborn = await start({
      WORKER_ID: 'stubborn',
      WORKER_SHUTDOWN_GRACE_MS: '500',
      QUEUE_TEST_HANDLER: 'ignore-shutdown',
    });
    await waitFor(async () => (await handlings(id!)).length === 1, { what: 'the run to start' });

    stubborn.child.kill('SIGTERM');
    expect((await stubborn.exited).code).toBe(0);
    expect(await runRow(id!)).toMatchObject({
      status: 'pending',
      attempt: 1,
      leaseOwner: null,
      leaseExpiresAt: null,
      fencingToken: 1n,
    });

    await start({ WORKER_ID: 'successor', QUEUE_TEST_HANDLER: 'record' });
    await waitFor(async () => (await runRow(id!)).status === 'succeeded', {
      what: 'the successor to finish it',
    });
    expect(await runRow(id!)).toMatchObject({ attempt: 1, fencingToken: 2n });
    expect((await handlings(id!)).map((h) => h.workerId)).toEqual(['stubborn', 'successor']);
  }, 60_000);
});
