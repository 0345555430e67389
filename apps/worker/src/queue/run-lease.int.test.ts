import { listenForNotifications, TASK_EVENTS_CHANNEL } from '@switchyard/db/queue';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aborted,
  closeQueueSql,
  createTask,
  enqueueRuns,
  queueSql,
  sleep,
  waitFor,
} from '../../test/support/queue-fixtures';
import { claimNextPhaseRun } from './claim-next-phase-run';
import { LeaseLostError } from './errors';
import { finishPhaseRun } from './finish-phase-run';
import { recoverExpiredLeases } from './recover-expired-leases';
import { PhaseRunLease, type RunLeaseOptions } from './run-lease';
import type { QueueSql } from './sql';
import type { ClaimedRun } from './types';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});

async function claimLease(options: Partial<RunLeaseOptions> = {}): Promise<PhaseRunLease> {
  const { taskId } = await createTask(db.prisma);
  await enqueueRuns(db.prisma, taskId, 1);
  const leaseMs = options.leaseMs ?? 30_000;
  const run = await claimNextPhaseRun(queueSql(db), { workerId: 'lease-test', leaseMs });
  return new PhaseRunLease(db.prisma, queueSql(db), run!, { workerId: 'lease-test', leaseMs, ...options });
}

const seqs = async (runId: string) =>
  (await db.prisma.phaseEvent.findMany({ where: { phaseRunId: runId }, orderBy: { seq: 'asc' } })).map(
    (e) => e.seq,
  );

describe('a run lease', () => {
  it('writes events with consecutive seq numbers: by count, by time, and before a finish', async () => {
    const lease = await claimLease({ eventBatchSize: 5, eventFlushMs: 100 });
    lease.appendEvents(Array.from({ length: 5 }, (_, i) => ({ type: 'log' as const, payload: { i } })));
    await waitFor(async () => (await seqs(lease.run.id)).length === 5, { what: 'the batch of 5' });

    lease.appendEvents([{ type: 'assistant_text', payload: { text: 'hello' } }]);
    await waitFor(async () => (await seqs(lease.run.id)).length === 6, {
      timeoutMs: 1_000,
      what: 'timed flush',
    });

    lease.appendEvents([{ type: 'usage', payload: { inputTokens: 10 } }]);
    await lease.withFencedTransaction((tx) => finishPhaseRun(tx, lease, { status: 'succeeded' }));

    expect(await seqs(lease.run.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const last = await db.prisma.phaseEvent.findFirstOrThrow({ where: { phaseRunId: lease.run.id, seq: 7 } });
    expect(last).toMatchObject({ type: 'usage', payload: { inputTokens: 10 } });
    expect(lease.isEnded).toBe(true);
    expect(() => lease.appendEvents([{ type: 'log', payload: {} }])).toThrow(/has ended/);
  });

  it("announces each committed batch on the task's events channel while a web process watches the task", async () => {
    const heard: string[] = [];
    const listener = await listenForNotifications(db.url, [TASK_EVENTS_CHANNEL], (_, taskId) =>
      heard.push(taskId),
    );
    /** What was announced since the last call: PostgreSQL delivers notifications in commit order. */
    const announced = async () => {
      const marker = `marker-${heard.length}-${Date.now()}`;
      await db.prisma.$executeRaw`SELECT pg_notify(${TASK_EVENTS_CHANNEL}, ${marker})`;
      await waitFor(async () => heard.includes(marker), { what: 'the marker notification' });
      return heard.splice(0).filter((payload) => payload !== marker);
    };
    const watch = (taskId: string, expiresInS: number) =>
      db.prisma.$executeRaw`INSERT INTO "TaskWatch" ("taskId", watcher, "expiresAt")
        VALUES (${taskId}, 'web-1', now() + make_interval(secs => ${expiresInS}))
        ON CONFLICT ("taskId", watcher) DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"`;
    // Both ways events are written: a flush (one fenced statement) and a fenced transaction.
    const writeBoth = async (lease: PhaseRunLease, text: string) => {
      lease.appendEvents([{ type: 'log', payload: { text } }]);
      await lease.flushEvents();
      lease.appendEvents([{ type: 'log', payload: { text } }]);
      await lease.withFencedTransaction(async () => {});
    };
    try {
      const lease = await claimLease();
      const taskId = lease.run.taskId;
      await lease.flushEvents(); // nothing to write: nothing to announce
      await watch('another-task', 60); // watching another task announces nothing of this one
      await writeBoth(lease, 'nobody watches');
      expect(await announced()).toEqual([]);

      await watch(taskId, 60);
      await writeBoth(lease, 'watched');
      expect(await announced()).toEqual([taskId, taskId]);

      await watch(taskId, -1); // the web process stopped renewing it
      await writeBoth(lease, 'the watch expired');
      expect(await announced()).toEqual([]);
      // Announced or not, every event was written.
      expect(await seqs(lease.run.id)).toEqual([1, 2, 3, 4, 5, 6]);
      await lease.withFencedTransaction((tx) => finishPhaseRun(tx, lease, { status: 'succeeded' }));
    } finally {
      await listener.close();
    }
  });

  it('writes a flat-out burst in a few transactions, not one per event past the batch size', async () => {
    const { taskId } = await createTask(db.prisma);
    await enqueueRuns(db.prisma, taskId, 1);
    const run = await claimNextPhaseRun(queueSql(db), { workerId: 'lease-test', leaseMs: 30_000 });
    // Event flushes are fenced statements of the queue's own (one round trip each): count them.
    let writes = 0;
    const pool = queueSql(db);
    const counting: QueueSql = {
      query: ((config: { name?: string }, ...rest: unknown[]) => {
        if (config.name === 'switchyard-fenced-write') writes += 1;
        return (pool.query as (...args: unknown[]) => unknown)(config, ...rest);
      }) as QueueSql['query'],
    };
    const lease = new PhaseRunLease(db.prisma, counting, run!, {
      workerId: 'lease-test',
      leaseMs: 30_000,
      eventBatchSize: 50,
    });

    for (let i = 0; i < 2_000; i++) lease.appendEvents([{ type: 'log', payload: { i } }]);
    await lease.flushEvents();

    expect(await seqs(lease.run.id)).toHaveLength(2_000);
    expect(writes).toBeLessThan(10);
    lease.end();
  });

  it('rolls back its events with the transaction and writes them with the next one', async () => {
    const lease = await claimLease({ eventFlushMs: 10_000 });
    lease.appendEvents([{ type: 'log', payload: { n: 1 } }]);
    await expect(
      lease.withFencedTransaction(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await seqs(lease.run.id)).toEqual([]);
    await lease.flushEvents();
    expect(await seqs(lease.run.id)).toEqual([1]);
    lease.end();
  });

  it('keeps a run alive past its lease by heartbeating', async () => {
    const lease = await claimLease({ leaseMs: 1_000 });
    lease.startHeartbeat();
    // Three lease lengths, with recovery running throughout: the run must stay ours.
    for (let i = 0; i < 12; i += 1) {
      await sleep(250);
      expect(await recoverExpiredLeases(queueSql(db))).toEqual([]);
    }
    expect(lease.signal.aborted).toBe(false);
    await lease.withFencedTransaction((tx) => finishPhaseRun(tx, lease, { status: 'succeeded' }));
    const row = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: lease.run.id } });
    expect(row).toMatchObject({ status: 'succeeded', attempt: 1, fencingToken: 1n, leaseOwner: null });
  });

  it('aborts the signal when a heartbeat finds the lease taken', async () => {
    const lease = await claimLease({ leaseMs: 1_200 });
    lease.startHeartbeat();
    // Another worker's claim after a recovery: the token moves on.
    await db.prisma.phaseRun.update({
      where: { id: lease.run.id },
      data: { fencingToken: { increment: 1 } },
    });

    const reason = await Promise.race([aborted(lease.signal), sleep(2_000).then(() => 'no abort')]);

    expect(reason).toBeInstanceOf(LeaseLostError);
    await expect(lease.withFencedTransaction(async () => 'never')).rejects.toBeInstanceOf(LeaseLostError);
    lease.end();
  });

  it('finishes a run with its events in one fenced statement', async () => {
    const lease = await claimLease({ eventFlushMs: 10_000 });
    lease.appendEvents([
      { type: 'log', payload: { n: 1 } },
      { type: 'log', payload: { n: 2 } },
    ]);

    await lease.finish({ status: 'blocked', errorClass: 'rate_limited', errorMessage: 'resting' });

    expect(await seqs(lease.run.id)).toEqual([1, 2]);
    const row = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: lease.run.id } });
    expect(row).toMatchObject({
      status: 'blocked',
      errorClass: 'rate_limited',
      errorMessage: 'resting',
      leaseOwner: null,
    });
    expect(row.finishedAt).not.toBeNull();
    expect(lease.isEnded).toBe(true);
  });

  it('refuses every write under a stale token, events included', async () => {
    const stale = await claimLease();
    await db.prisma.phaseRun.update({
      where: { id: stale.run.id },
      data: { status: 'pending', leaseOwner: null, leaseExpiresAt: null },
    });
    const fresh = await claimNextPhaseRun(queueSql(db), { workerId: 'other', leaseMs: 30_000 });
    expect(fresh?.fencingToken).toBe(2n);

    stale.appendEvents([{ type: 'log', payload: { from: 'stale' } }]);
    await expect(stale.flushEvents()).rejects.toBeInstanceOf(LeaseLostError);
    await expect(
      stale.withFencedTransaction((tx) => finishPhaseRun(tx, stale, { status: 'succeeded' })),
    ).rejects.toThrow(/claimed again \(token 2\)/);
    stale.appendEvents([{ type: 'log', payload: { from: 'stale, finishing' } }]);
    await expect(stale.finish({ status: 'succeeded' })).rejects.toThrow(/claimed again \(token 2\)/);
    expect(stale.signal.reason).toBeInstanceOf(LeaseLostError);
    expect(await seqs(stale.run.id)).toEqual([]);
    expect((await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: stale.run.id } })).status).toBe(
      'running',
    );
    stale.end();
  });

  describe('a finish that claims the next run (decision 0015)', () => {
    const handOff = (taken: ClaimedRun[], wanted = true) => ({
      claimWith: () => (wanted ? { workerId: 'lease-test', leaseMs: 30_000 } : null),
      take: (run: ClaimedRun) => taken.push(run),
    });

    it('finishes the run and claims the next one in the same statement', async () => {
      await db.prisma.phaseRun.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
      const taken: ClaimedRun[] = [];
      const lease = await claimLease({ handOff: handOff(taken) });
      const [nextId] = await enqueueRuns(db.prisma, lease.run.taskId, 1);
      lease.appendEvents([{ type: 'log', payload: { n: 1 } }]);

      await lease.finish({ status: 'succeeded' });

      expect(await seqs(lease.run.id)).toEqual([1]);
      expect((await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: lease.run.id } })).status).toBe(
        'succeeded',
      );
      expect(taken).toEqual([
        expect.objectContaining({ id: nextId, leaseOwner: 'lease-test', fencingToken: 1n, attempt: 1 }),
      ]);
      expect(taken[0]!.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now() + 25_000);
      const next = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: nextId! } });
      expect(next).toMatchObject({ status: 'running', leaseOwner: 'lease-test', fencingToken: 1n });
      expect(next.startedAt).not.toBeNull();
      // The claimed run is an ordinary lease: it finishes like any other.
      const second = new PhaseRunLease(db.prisma, queueSql(db), taken[0]!, {
        workerId: 'lease-test',
        leaseMs: 30_000,
      });
      await second.finish({ status: 'succeeded' });
      expect((await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: nextId! } })).status).toBe(
        'succeeded',
      );
    });

    it('claims nothing when no run is due, or when the loop wants none (stopping)', async () => {
      await db.prisma.phaseRun.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
      const taken: ClaimedRun[] = [];
      const idle = await claimLease({ handOff: handOff(taken) });
      await idle.finish({ status: 'succeeded' });
      expect(taken).toEqual([]);

      const stopping = await claimLease({ handOff: handOff(taken, false) });
      const flushing = await claimLease({ handOff: handOff(taken) });
      const [pendingId] = await enqueueRuns(db.prisma, stopping.run.taskId, 1);
      await stopping.finish({ status: 'succeeded' });
      expect(taken).toEqual([]);
      expect(await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: pendingId! } })).toMatchObject({
        status: 'pending',
        fencingToken: 0n,
      });
      // Only a finish claims: a flush never does.
      flushing.appendEvents([{ type: 'log', payload: {} }]);
      await flushing.flushEvents();
      expect(taken).toEqual([]);
      expect((await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: pendingId! } })).status).toBe(
        'pending',
      );
      flushing.end();
      await db.prisma.phaseRun.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
    });

    it('a stale finish claims nothing', async () => {
      await db.prisma.phaseRun.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
      const taken: ClaimedRun[] = [];
      const stale = await claimLease({ handOff: handOff(taken) });
      // Recovered and claimed again by another worker: this lease's token is stale.
      await db.prisma.phaseRun.update({
        where: { id: stale.run.id },
        data: { fencingToken: { increment: 1 } },
      });
      const [pendingId] = await enqueueRuns(db.prisma, stale.run.taskId, 1);

      await expect(stale.finish({ status: 'succeeded' })).rejects.toThrow(/claimed again \(token 2\)/);

      expect(taken).toEqual([]);
      expect(await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: pendingId! } })).toMatchObject({
        status: 'pending',
        leaseOwner: null,
        fencingToken: 0n,
      });
      stale.end();
      await db.prisma.phaseRun.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
    });
  });
});
