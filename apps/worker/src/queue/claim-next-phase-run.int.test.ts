import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeQueueSql, createTask, enqueueRuns, queueSql } from '../../test/support/queue-fixtures';
import { CLAIM_CANDIDATE_SQL, claimNextPhaseRun } from './claim-next-phase-run';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});
beforeEach(async () => {
  await db.prisma.phaseRun.deleteMany();
});

const claim = (workerId = 'w1') => claimNextPhaseRun(queueSql(db), { workerId, leaseMs: 30_000 });

describe('claimNextPhaseRun', () => {
  it('claims by priority, then oldest runAfter, and never a run that is not due yet', async () => {
    const { taskId } = await createTask(db.prisma);
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs);
    const make = (kind: string, priority: number, runAfter: Date) =>
      db.prisma.phaseRun.create({
        data: { taskId, phase: 'coding', kind, priority, runAfter },
      });
    await make('late-low', 5, at(-1_000));
    await make('future-urgent', -10, at(60_000));
    await make('old-normal', 0, at(-5_000));
    await make('new-normal', 0, at(-2_000));
    await make('urgent', -1, at(-500));

    const order: string[] = [];
    for (;;) {
      const run = await claim();
      if (!run) break;
      order.push(run.kind);
    }

    expect(order).toEqual(['urgent', 'old-normal', 'new-normal', 'late-low']);
    const future = await db.prisma.phaseRun.findFirstOrThrow({ where: { kind: 'future-urgent' } });
    expect(future.status).toBe('pending');
    expect(future.fencingToken).toBe(0n);
  });

  it('leases the run to the worker with a new fencing token and a start time', async () => {
    const { taskId } = await createTask(db.prisma);
    const [id] = await enqueueRuns(db.prisma, taskId, 1);
    const before = Date.now();

    const run = await claim('worker-a');

    expect(run).toMatchObject({ id, taskId, leaseOwner: 'worker-a', fencingToken: 1n, attempt: 1 });
    expect(run!.leaseExpiresAt.getTime()).toBeGreaterThan(before + 25_000);
    const row = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('running');
    expect(row.startedAt).not.toBeNull();
    expect(await claim('worker-b')).toBeNull();
  });

  it('uses the partial index PhaseRun_claimable for the candidate search', async () => {
    const { taskId } = await createTask(db.prisma);
    await enqueueRuns(db.prisma, taskId, 3);
    const plan = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${CLAIM_CANDIDATE_SQL}`);
    });
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain('PhaseRun_claimable');
  });

  it('never hands the same run to two claimers racing for it', async () => {
    const { taskId } = await createTask(db.prisma);
    const ids = await enqueueRuns(db.prisma, taskId, 40);

    // 8 claimers at once, each claiming until the queue is empty (the test client has 4 connections).
    const claimed = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const mine: string[] = [];
        for (let run = await claim(`w${i}`); run; run = await claim(`w${i}`)) mine.push(run.id);
        return mine;
      }),
    );

    const all = claimed.flat();
    expect(all).toHaveLength(40);
    expect(new Set(all)).toEqual(new Set(ids));
  });
});
