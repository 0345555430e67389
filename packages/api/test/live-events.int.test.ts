import { Prisma } from '@switchyard/db';
import { notify, TASK_EVENTS_CHANNEL, taskWatchedSql } from '@switchyard/db/queue';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskEventHub, type TaskEventHub } from '../src';
import { apiHarness, type SignedUp } from './support/api-harness';

// Live task events are pushed: the worker NOTIFYs in the transaction that writes them while a web
// process watches the task (docs/decisions/0017), and a waiting subscription reads them at once. The
// hub's own fallback polls are set to a minute here, so an event can only arrive within the test's
// timeout through the notification, which needs the subscription's watch.
let db: TestDatabase;
let hub: TaskEventHub;
let user: SignedUp;
let projectId: string;
beforeAll(async () => {
  db = await freshDatabase();
  hub = createTaskEventHub(db.url, undefined, { pollMs: 60_000, safetyMs: 60_000, renewMs: 200 });
  await hub.listening();
  const harness = apiHarness(db.prisma, { env: { ANTHROPIC_API_KEY: 'from-env' }, taskEvents: hub });
  user = await harness.signUp('Kim');
  projectId = (await (await user.api()).projects.create({ name: 'repo', repoPath: harness.repo('repo') })).id;
});
afterAll(async () => {
  await hub?.close();
  await db?.drop();
});

/** What the worker does: events, and the NOTIFY if the task is watched, in one transaction. */
async function writeEvents(taskId: string, runId: string, seqs: number[]) {
  await db.prisma.$transaction(async (tx) => {
    await tx.phaseEvent.createMany({
      data: seqs.map((seq) => ({
        phaseRunId: runId,
        seq,
        type: 'log' as const,
        payload: { text: `line ${seq}` },
      })),
    });
    await tx.$executeRaw`SELECT pg_notify(${TASK_EVENTS_CHANNEL}, task.id) FROM (SELECT ${taskId}::text AS id) AS task
      WHERE ${Prisma.raw(taskWatchedSql('task.id'))}`;
  });
}

/** The task's current watch rows: one per web process that follows it. */
const watchesOf = async (taskId: string) =>
  db.prisma.taskWatch.count({ where: { taskId, expiresAt: { gt: new Date() } } });

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seqOf = (value: unknown) => {
  // A server-side caller yields tracked() as [id, data].
  const [, data] = value as [string, { seq: number }];
  return data.seq;
};

describe('tasks.subscribe with the NOTIFY hub', () => {
  it('delivers events committed while it waits, and ends when the settled task is announced', async () => {
    const api = await user.api();
    const { task } = await api.tasks.create({
      projectId,
      title: 'Live',
      description: 'Watch it',
      routing: {},
    });
    const runId = (await api.tasks.get({ taskId: task.id })).runs[0]!.id;
    const stream = (await api.tasks.subscribe({ taskId: task.id }))[Symbol.asyncIterator]();

    expect(await watchesOf(task.id)).toBe(0);
    const first = stream.next(); // nothing to send yet: it waits on the hub, watching the task
    await until(async () => (await watchesOf(task.id)) === 1, 'the watch row');
    await writeEvents(task.id, runId, [1, 2]);
    expect(seqOf((await first).value)).toBe(1);
    expect(seqOf((await stream.next()).value)).toBe(2);

    const end = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db.prisma.$transaction(async (tx) => {
      await tx.phaseRun.updateMany({ where: { taskId: task.id }, data: { status: 'succeeded' } });
      await tx.task.update({ where: { id: task.id }, data: { status: 'done', finishedAt: new Date() } });
      await notify(tx, TASK_EVENTS_CHANNEL, task.id);
    });
    expect((await end).done).toBe(true);
    // The subscription ended: its watch goes, and the worker announces the task's events no more.
    await until(
      async () => (await db.prisma.taskWatch.count({ where: { taskId: task.id } })) === 0,
      'no watch',
    );
  }, 20_000);

  it('writes its watches again on a new connection, and ends there the ones released while it was down', async () => {
    const errors: string[] = [];
    const own = createTaskEventHub(db.url, (e) => errors.push(String(e)), {
      pollMs: 60_000,
      safetyMs: 60_000,
      renewMs: 60_000,
    });
    const backends = async () =>
      (
        await db.prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND query LIKE '%"TaskWatch"%' AND pid <> pg_backend_pid()
           ORDER BY backend_start DESC`
      ).map((r) => r.pid);
    const others = await backends();
    try {
      await own.listening();
      const kept = own.watch('task-kept');
      const dropped = own.watch('task-dropped');
      await Promise.all([kept.ready, dropped.ready]);
      const rows = (taskId: string) => db.prisma.taskWatch.count({ where: { taskId } });
      expect([await rows('task-kept'), await rows('task-dropped')]).toEqual([1, 1]);
      const [pid] = (await backends()).filter((p) => !others.includes(p)); // the newest: its own

      // Its connection dies (a restart, a failover); the kept task's row is gone as if it had expired.
      await db.prisma.$executeRaw`DELETE FROM "TaskWatch" WHERE "taskId" = 'task-kept'`;
      await db.prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      await until(async () => errors.some((e) => /LISTEN connection failed/.test(e)), 'the reported drop');
      dropped.release(); // while no connection can delete its row

      await until(
        async () => (await rows('task-kept')) === 1 && (await rows('task-dropped')) === 0,
        'the watches written again on the new connection',
      );
      kept.release();
      await until(async () => (await rows('task-kept')) === 0, 'the last row to go');
    } finally {
      await own.close();
    }
  }, 20_000);

  it('keeps one watch row per task while any subscription holds it, renewed until the last lets go', async () => {
    const a = hub.watch('task-w');
    const b = hub.watch('task-w');
    await Promise.all([a.ready, b.ready]);
    const row = () => db.prisma.taskWatch.findMany({ where: { taskId: 'task-w' } });
    const [first] = await row();
    expect(await row()).toHaveLength(1);
    // Renewed (every 200 ms here): the expiry moves forward while it is held.
    await until(async () => (await row())[0]!.expiresAt > first!.expiresAt, 'a renewal');
    a.release();
    a.release(); // a second release of the same hold changes nothing
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await row()).toHaveLength(1);
    b.release();
    await until(async () => (await row()).length === 0, 'the row to go');
  }, 20_000);

  it('wakes only the subscriptions of the task that changed', async () => {
    const a = hub.next('task-a');
    const b = hub.next('task-b');
    let bWoke = false;
    const bWait = b.wait().then(() => {
      bWoke = true;
    });
    await db.prisma.$executeRaw`SELECT pg_notify(${TASK_EVENTS_CHANNEL}, 'task-a')`;
    await a.wait();
    expect(bWoke).toBe(false);
    b.cancel(); // and a cancelled wake returns at once
    await bWait;
    expect(bWoke).toBe(true);
  }, 20_000);
});
