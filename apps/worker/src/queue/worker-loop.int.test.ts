import { enqueuePhaseRun, requestTaskCancel } from '@switchyard/db/queue';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  aborted,
  closeQueueSql,
  createTask,
  enqueueRuns,
  queueSql,
  sleep,
  startLoop,
  waitFor,
} from '../../test/support/queue-fixtures';
import { RunCancelledError } from './errors';
import { finishPhaseRun } from './finish-phase-run';
import { NO_PIPELINE_MESSAGE, noPipelineHandler } from './no-pipeline-handler';
import { UNFINISHED_MESSAGE } from './settle-handled-run';
import type { QueueSql } from './sql';
import type { RunLease } from './types';
import type { WorkerLoop } from './worker-loop';

let db: TestDatabase;
let loops: WorkerLoop[] = [];
beforeAll(async () => {
  db = await freshDatabase();
});
afterEach(async () => {
  await Promise.all(loops.map((loop) => loop.stop()));
  loops = [];
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});

async function running(...args: Parameters<typeof startLoop>): Promise<WorkerLoop> {
  const started = startLoop(...args);
  loops.push(started.loop);
  return started;
}

const runRow = (id: string) => db.prisma.phaseRun.findUniqueOrThrow({ where: { id } });

describe('the worker loop', () => {
  it('wakes on NOTIFY long before its 30 s poll', async () => {
    const claimedAt = new Map<string, number>();
    await running(
      db,
      async (lease) => {
        claimedAt.set(lease.run.id, Date.now());
        await lease.withFencedTransaction((tx) => finishPhaseRun(tx, lease, { status: 'succeeded' }));
      },
      { pollMs: 30_000 },
    );
    await sleep(300); // the loop's first claim found nothing: it is idle now

    const { taskId } = await createTask(db.prisma);
    const enqueuedAt = Date.now();
    const [id] = await enqueueRuns(db.prisma, taskId, 1);

    await waitFor(async () => claimedAt.has(id!), { timeoutMs: 2_000, what: 'the NOTIFY wake-up' });
    expect(claimedAt.get(id!)! - enqueuedAt).toBeLessThan(2_000);
    await waitFor(async () => (await runRow(id!)).status === 'succeeded', { what: 'success' });
  });

  it('aborts a running phase within 2 s of its task being cancelled, and cancels its pending runs', async () => {
    const seen: RunLease[] = [];
    await running(
      db,
      async (lease) => {
        seen.push(lease);
        await aborted(lease.signal);
        throw lease.signal.reason;
      },
      { concurrency: 1, pollMs: 30_000, leaseMs: 30_000 },
    );
    const { taskId } = await createTask(db.prisma);
    const [first, second] = await enqueueRuns(db.prisma, taskId, 2);
    await waitFor(async () => seen.length === 1, { what: 'the first run to start' });

    const cancelledAt = Date.now();
    const result = await requestTaskCancel(db.prisma, taskId);
    const reason = await Promise.race([aborted(seen[0]!.signal), sleep(2_000).then(() => 'too slow')]);

    expect(reason).toBeInstanceOf(RunCancelledError);
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(result).toEqual({ taskCancelled: true, cancelledPendingRunIds: [second], runningRunIds: [first] });
    await waitFor(async () => (await runRow(first!)).status === 'cancelled', {
      what: 'the run to be cancelled',
    });
    expect(await runRow(first!)).toMatchObject({ errorClass: 'cancelled', leaseOwner: null });
    expect((await runRow(second!)).status).toBe('cancelled');
    expect(seen).toHaveLength(1);
  });

  it('puts a run whose handler threw back to pending with a backoff, and fails it when attempts run out', async () => {
    let calls = 0;
    await running(db, async () => {
      calls += 1;
      throw new Error('disk full');
    });
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1, { maxAttempts: 2 });

    await waitFor(async () => (await runRow(id!)).attempt === 2, { what: 'the retry' });
    const retry = await runRow(id!);
    expect(retry).toMatchObject({ status: 'pending', errorMessage: 'Error: disk full', leaseOwner: null });
    expect(retry.runAfter.getTime()).toBeGreaterThan(Date.now() + 2_000);

    await db.prisma.phaseRun.update({ where: { id: id! }, data: { runAfter: new Date() } });
    await waitFor(async () => (await runRow(id!)).status === 'failed', { what: 'the final failure' });
    expect(await runRow(id!)).toMatchObject({ attempt: 2, errorMessage: 'Error: disk full' });
    expect(calls).toBe(2);
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ status: 'failed' });
    expect(task.statusReason).toMatch(/failed after 2 attempts: Error: disk full$/);
  });

  it('fails a run whose handler returned without finishing it', async () => {
    await running(db, async () => {});
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    await waitFor(async () => (await runRow(id!)).status === 'failed', { what: 'the failure' });
    expect((await runRow(id!)).errorMessage).toBe(UNFINISHED_MESSAGE);
  });

  it('fails runs, visibly, when no pipeline handler is installed', async () => {
    await running(db, noPipelineHandler);
    const { taskId } = await createTask(db.prisma);
    const run = await enqueuePhaseRun(db.prisma, {
      taskId,
      phase: 'spec',
      kind: 'spec.requirements',
      routingDecision: null,
    });
    await waitFor(async () => (await runRow(run.id)).status === 'failed', { what: 'the failure' });
    expect(await runRow(run.id)).toMatchObject({ errorMessage: NO_PIPELINE_MESSAGE, attempt: 1 });
  });

  it('finishes a run and queues the next phase in one fenced transaction', async () => {
    await running(db, async (lease) => {
      await lease.withFencedTransaction(async (tx) => {
        await finishPhaseRun(tx, lease, { status: 'succeeded' });
        if (lease.run.phase === 'planning') {
          await enqueuePhaseRun(tx, {
            taskId: lease.run.taskId,
            phase: 'coding',
            kind: 'coding.subtask',
            routingDecision: null,
          });
        }
      });
    });
    const { taskId } = await createTask(db.prisma);
    await enqueuePhaseRun(db.prisma, {
      taskId,
      phase: 'planning',
      kind: 'planning.plan',
      routingDecision: null,
    });

    const runs = await waitFor(
      async () => {
        const all = await db.prisma.phaseRun.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } });
        return all.length === 2 && all.every((run) => run.status === 'succeeded') && all;
      },
      { what: 'both phases' },
    );
    expect(runs.map((run) => run.phase)).toEqual(['planning', 'coding']);
  });

  describe('a finish that claims the next run (decision 0015)', () => {
    /** The test pool, counting statements by name; `hold` can delay the answer of a named statement. */
    function countingSql(hold?: { name: string; until: Promise<void>; sent: () => void }) {
      const pool = queueSql(db);
      const counts = new Map<string, number>();
      const sql: QueueSql = {
        query: (async (config: { name?: string }, ...rest: unknown[]) => {
          const name = config.name ?? '(unnamed)';
          counts.set(name, (counts.get(name) ?? 0) + 1);
          const result = await (pool.query as (...args: unknown[]) => Promise<unknown>)(config, ...rest);
          if (hold && name === hold.name) {
            hold.sent();
            await hold.until;
          }
          return result;
        }) as QueueSql['query'],
      };
      return { sql, count: (name: string) => counts.get(`switchyard-${name}`) ?? 0 };
    }

    const statuses = async (ids: string[]) =>
      (await db.prisma.phaseRun.findMany({ where: { id: { in: ids } } })).map((run) => run.status);

    it('runs each run once in its slot, never more than `concurrency` at a time, without a claim statement per run', async () => {
      const { taskId } = await createTask(db.prisma);
      const ids = await enqueueRuns(db.prisma, taskId, 30);
      const handled: string[] = [];
      let inFlight = 0;
      let most = 0;
      const { sql, count } = countingSql();
      await running(
        db,
        async (lease) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          handled.push(lease.run.id);
          await sleep(5);
          inFlight -= 1;
          await lease.finish({ status: 'succeeded' });
        },
        { concurrency: 2, pollMs: 30_000, sql },
      );

      await waitFor(async () => (await statuses(ids)).every((status) => status === 'succeeded'), {
        what: 'every run',
      });
      expect(handled.sort()).toEqual([...ids].sort());
      expect(most).toBeLessThanOrEqual(2);
      expect(count('fenced-finish-claim')).toBe(30);
      // Two claims fill the slots; after that each finish claims the next run, and the last ones find none.
      expect(count('claim')).toBeLessThan(10);
    });

    it('releases, at shutdown, a run that a finish sent before the stop claimed, for another worker', async () => {
      const { taskId } = await createTask(db.prisma);
      const [first, second] = await enqueueRuns(db.prisma, taskId, 2);
      let sent!: () => void;
      const finishSent = new Promise<void>((resolve) => {
        sent = resolve;
      });
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const { sql } = countingSql({ name: 'switchyard-fenced-finish-claim', until: gate, sent });
      const handled: string[] = [];
      const loop = await startLoop(
        db,
        async (lease) => {
          handled.push(lease.run.id);
          await lease.finish({ status: 'succeeded' });
        },
        { concurrency: 1, pollMs: 30_000, sql },
      );

      await finishSent; // committed: the first run succeeded and the second is claimed by this worker
      expect(await runRow(second!)).toMatchObject({ status: 'running', fencingToken: 1n });
      const stopped = loop.stop();
      open();
      await stopped;

      expect(handled).toEqual([first]);
      expect(await runRow(first!)).toMatchObject({ status: 'succeeded' });
      expect(await runRow(second!)).toMatchObject({
        status: 'pending',
        leaseOwner: null,
        leaseExpiresAt: null,
        fencingToken: 1n,
        attempt: 1,
      });
      // Released with a NOTIFY: another worker takes it at once, not at its 30 s poll.
      const other: string[] = [];
      await running(
        db,
        async (lease) => {
          other.push(lease.run.id);
          await lease.finish({ status: 'succeeded' });
        },
        { pollMs: 30_000 },
      );
      await waitFor(async () => (await runRow(second!)).status === 'succeeded', { what: 'the other worker' });
      expect(other).toEqual([second]);
    });

    it('releases, at shutdown, a run a finish claimed for a handler that outlives the grace period', async () => {
      const { taskId } = await createTask(db.prisma);
      const [first, second] = await enqueueRuns(db.prisma, taskId, 2);
      let unblock!: () => void;
      const hang = new Promise<void>((resolve) => {
        unblock = resolve;
      });
      const handled: string[] = [];
      const loop = await startLoop(
        db,
        async (lease) => {
          handled.push(lease.run.id);
          await lease.finish({ status: 'succeeded' });
          await hang; // ignores the shutdown
        },
        { concurrency: 1, pollMs: 30_000, shutdownGraceMs: 300 },
      );
      await waitFor(async () => (await runRow(second!)).status === 'running', {
        what: 'the finish to claim the second run',
      });

      await loop.stop();

      expect(handled).toEqual([first]);
      expect(await runRow(first!)).toMatchObject({ status: 'succeeded' });
      expect(await runRow(second!)).toMatchObject({ status: 'pending', leaseOwner: null, fencingToken: 1n });
      unblock();
      await db.prisma.phaseRun.update({ where: { id: second! }, data: { status: 'cancelled' } });
    });

    it('aborts a run a finish claimed when its task is cancelled before it starts', async () => {
      const { taskId } = await createTask(db.prisma);
      const [first] = await enqueueRuns(db.prisma, taskId, 1);
      const other = await createTask(db.prisma);
      const [second] = await enqueueRuns(db.prisma, other.taskId, 1);
      let proceed!: () => void;
      const gate = new Promise<void>((resolve) => {
        proceed = resolve;
      });
      const abortedAtStart = new Map<string, boolean>();
      await running(
        db,
        async (lease) => {
          abortedAtStart.set(lease.run.id, lease.signal.aborted);
          if (lease.run.id === first) {
            await lease.finish({ status: 'succeeded' });
            await gate;
            return;
          }
          await aborted(lease.signal);
          throw lease.signal.reason;
        },
        { concurrency: 1, pollMs: 30_000 },
      );
      await waitFor(async () => (await runRow(second!)).status === 'running', {
        what: 'the finish to claim the second run',
      });

      const result = await requestTaskCancel(db.prisma, other.taskId);
      expect(result.runningRunIds).toEqual([second]);
      await sleep(300); // the NOTIFY reaches the worker while the second run waits for its slot
      proceed();

      await waitFor(async () => (await runRow(second!)).status === 'cancelled', { what: 'the cancellation' });
      expect(abortedAtStart.get(second!)).toBe(true);
      expect(await runRow(second!)).toMatchObject({ errorClass: 'cancelled', leaseOwner: null });
    });
  });
});
