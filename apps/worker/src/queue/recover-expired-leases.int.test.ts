import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQueueSql, createTask, enqueueRuns, queueSql } from '../../test/support/queue-fixtures';
import { claimNextPhaseRun } from './claim-next-phase-run';
import { recoverExpiredLeases } from './recover-expired-leases';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});

const claim = (workerId = 'crashed') => claimNextPhaseRun(queueSql(db), { workerId, leaseMs: 30_000 });

/** Simulates a crash: the worker stopped heartbeating a minute ago. */
const backdateLease = (id: string) =>
  db.prisma
    .$executeRaw`UPDATE "PhaseRun" SET "leaseExpiresAt" = now() - interval '1 minute' WHERE id = ${id}`;

describe('recoverExpiredLeases', () => {
  it('re-queues a run whose worker stopped responding, with attempt + 1, leaving live leases alone', async () => {
    const { taskId } = await createTask(db.prisma);
    const [deadId, liveId] = await enqueueRuns(db.prisma, taskId, 2);
    await claim();
    await claim('alive');
    await backdateLease(deadId!);

    const recovered = await recoverExpiredLeases(queueSql(db));

    expect(recovered).toEqual([{ id: deadId, status: 'pending', attempt: 2 }]);
    const dead = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: deadId! } });
    expect(dead).toMatchObject({ status: 'pending', attempt: 2, leaseOwner: null, leaseExpiresAt: null });
    expect((await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: liveId! } })).status).toBe('running');
    // The next claim gets it again under a newer token.
    await db.prisma.phaseRun.update({ where: { id: liveId! }, data: { status: 'succeeded' } });
    expect(await claim('rescuer')).toMatchObject({ id: deadId, attempt: 2, fencingToken: 2n });
  });

  it('fails the run past maxAttempts with a message saying why', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1, { maxAttempts: 2 });

    await claim();
    await backdateLease(id!);
    expect(await recoverExpiredLeases(queueSql(db))).toEqual([{ id, status: 'pending', attempt: 2 }]);
    await claim();
    await backdateLease(id!);
    expect(await recoverExpiredLeases(queueSql(db))).toEqual([{ id, status: 'failed', attempt: 2 }]);

    const run = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: id! } });
    expect(run).toMatchObject({
      status: 'failed',
      attempt: 2,
      errorMessage: 'lease expired 2 times; the worker running it stopped responding',
      leaseOwner: null,
    });
    expect(run.finishedAt).not.toBeNull();
    expect(await claim()).toBeNull();
    // Its task stops too, with the reason, instead of showing "running" forever.
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe('failed');
    expect(task.statusReason).toMatch(
      /failed: lease expired 2 times; the worker running it stopped responding\.$/,
    );
  });

  it('cancels, rather than re-queues, an abandoned run of a cancelled task', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    await claim();
    await db.prisma.task.update({ where: { id: taskId }, data: { status: 'cancelled' } });
    await backdateLease(id!);

    expect(await recoverExpiredLeases(queueSql(db))).toEqual([{ id, status: 'cancelled', attempt: 1 }]);
    expect(await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      status: 'cancelled',
      errorClass: 'cancelled',
    });
  });
});
