import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../testing/vitest';
import {
  CANCEL_CHANNEL,
  enqueuePhaseRun,
  listenForNotifications,
  type NotificationConnection,
  PHASE_RUNS_CHANNEL,
  requestTaskCancel,
  TaskCancelledError,
} from '.';

let db: TestDatabase;
let listener: NotificationConnection;
const heard: { channel: string; payload: string }[] = [];
beforeAll(async () => {
  db = await freshDatabase();
  listener = await listenForNotifications(db.url, [PHASE_RUNS_CHANNEL, CANCEL_CHANNEL], (channel, payload) =>
    heard.push({ channel, payload }),
  );
});
afterAll(async () => {
  await listener.close();
  await db.drop();
});

async function createTask(): Promise<string> {
  const slug = `t-${Math.random().toString(36).slice(2, 10)}`;
  const team = await db.prisma.team.create({ data: { name: 'Queue', slug } });
  const project = await db.prisma.project.create({ data: { teamId: team.id, name: 'repo' } });
  const task = await db.prisma.task.create({
    data: { teamId: team.id, projectId: project.id, title: 't', description: 'd' },
  });
  return task.id;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
/** Notifications arrive asynchronously: wait (up to 5 s on a loaded machine) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
const input = (taskId: string) =>
  ({ taskId, phase: 'spec', kind: 'spec.requirements', routingDecision: { provider: 'anthropic' } }) as const;

describe('enqueuePhaseRun', () => {
  it('inserts a pending run with defaults and wakes the workers', async () => {
    const taskId = await createTask();
    heard.length = 0;

    const run = await enqueuePhaseRun(db.prisma, { ...input(taskId), priority: -1 });

    expect(run).toMatchObject({
      status: 'pending',
      attempt: 1,
      maxAttempts: 3,
      priority: -1,
      fencingToken: 0n,
    });
    expect(run.routingDecision).toEqual({ provider: 'anthropic' });
    await until(() => heard.length > 0);
    await settle();
    expect(heard).toEqual([{ channel: PHASE_RUNS_CHANNEL, payload: run.id }]);
  });

  it('notifies only when the surrounding transaction commits, and not at all when it rolls back', async () => {
    const taskId = await createTask();
    heard.length = 0;

    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueuePhaseRun(tx, input(taskId));
        await settle();
        expect(heard).toEqual([]); // not yet: uncommitted
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

    await settle();
    expect(heard).toEqual([]);
    expect(await db.prisma.phaseRun.count({ where: { taskId } })).toBe(0);
  });

  it('refuses to queue work for a cancelled task', async () => {
    const taskId = await createTask();
    await requestTaskCancel(db.prisma, taskId);
    await expect(enqueuePhaseRun(db.prisma, input(taskId))).rejects.toBeInstanceOf(TaskCancelledError);
  });
});

describe('requestTaskCancel', () => {
  it('cancels the task and its pending runs, reports running ones, and notifies the workers', async () => {
    const taskId = await createTask();
    const pending = await enqueuePhaseRun(db.prisma, input(taskId));
    const running = await enqueuePhaseRun(db.prisma, input(taskId));
    await db.prisma.phaseRun.update({ where: { id: running.id }, data: { status: 'running' } });
    // The two enqueue notifications first, so that a late one is not taken for the cancel's.
    await until(() => heard.filter((h) => [pending.id, running.id].includes(h.payload)).length === 2);
    heard.length = 0;

    const result = await requestTaskCancel(db.prisma, taskId);

    expect(result).toEqual({
      taskCancelled: true,
      cancelledPendingRunIds: [pending.id],
      runningRunIds: [running.id],
    });
    expect(await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'cancelled',
    });
    expect(await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: 'cancelled',
      errorClass: 'cancelled',
    });
    await until(() => heard.length > 0);
    await settle();
    expect(heard).toEqual([{ channel: CANCEL_CHANNEL, payload: taskId }]);
  });

  it('changes nothing on a task that already finished', async () => {
    const taskId = await createTask();
    await db.prisma.task.update({ where: { id: taskId }, data: { status: 'done' } });
    heard.length = 0;

    expect(await requestTaskCancel(db.prisma, taskId)).toEqual({
      taskCancelled: false,
      cancelledPendingRunIds: [],
      runningRunIds: [],
    });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('done');
    await settle();
    expect(heard).toEqual([]);
  });

  it('also cancels a run queued concurrently with the cancel', async () => {
    const taskId = await createTask();
    // Hold an enqueue open (its FOR SHARE on the task) while the cancel starts: the cancel waits, then
    // cancels the run the enqueue inserted.
    let releaseEnqueue = () => {};
    const gate = new Promise<void>((resolve) => {
      releaseEnqueue = resolve;
    });
    const enqueued = db.prisma.$transaction(async (tx) => {
      const run = await enqueuePhaseRun(tx, input(taskId));
      await gate;
      return run;
    });
    await settle();
    const cancel = requestTaskCancel(db.prisma, taskId);
    await settle();
    releaseEnqueue();
    const run = await enqueued;
    expect((await cancel).cancelledPendingRunIds).toEqual([run.id]);
  });
});
