import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type SignedUp } from './support/api-harness';

// The worker writes the branch store and the delivery columns; tasks.get says where the branch is.

const BASE = 'a'.repeat(40);
const FIRST = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SECOND = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

let db: TestDatabase;
let user: SignedUp;
let projectId: string;
let repoPath: string;
beforeAll(async () => {
  db = await freshDatabase();
  const harness = apiHarness(db.prisma, { env: { ANTHROPIC_API_KEY: 'from-env' } });
  user = await harness.signUp('Lin');
  repoPath = harness.repo('shop');
  projectId = (await (await user.api()).projects.create({ name: 'shop', repoPath })).id;
});
afterAll(() => db?.drop());

async function newTask(title: string) {
  const api = await user.api();
  const { task } = await api.tasks.create({ projectId, title, description: 'd', routing: {} });
  return task.id;
}

/** A bundle of the branch store, as the worker lands it after a phase run that committed. */
async function land(taskId: string, seq: number, fromCommit: string, toCommit: string) {
  await db.prisma.taskBranchBundle.create({
    data: { taskId, seq, fromCommit, toCommit, commits: 1, data: new Uint8Array(64 * 1024) },
  });
}

describe('tasks.get says where the task branch is', () => {
  it('before the worker has made the branch: nothing delivered, nothing landed', async () => {
    const taskId = await newTask('Fresh');
    const { task } = await (await user.api()).tasks.get({ taskId });
    expect(task.delivery).toEqual({
      branch: null,
      baseCommit: null,
      head: null,
      deliveredTo: null,
      deliveredHead: null,
      deliveredAt: null,
      error: null,
      upToDate: false,
      landings: 0,
    });
  });

  it('a branch in the branch store, not delivered yet', async () => {
    const taskId = await newTask('Pending');
    const branch = `switchyard/${taskId}`;
    await db.prisma.task.update({
      where: { id: taskId },
      data: { branch, baseCommit: BASE, branchHead: FIRST },
    });
    await land(taskId, 1, BASE, FIRST);

    const { task } = await (await user.api()).tasks.get({ taskId });
    expect(task.branch).toBe(branch);
    expect(task.delivery).toEqual({
      branch,
      baseCommit: BASE,
      head: FIRST,
      deliveredTo: null,
      deliveredHead: null,
      deliveredAt: null,
      error: null,
      upToDate: false,
      landings: 1,
    });
  });

  it('delivered to the project repository: up to date until a newer commit lands', async () => {
    const taskId = await newTask('Delivered');
    const branch = `switchyard/${taskId}`;
    const deliveredAt = new Date('2026-12-07T08:09:10Z');
    await db.prisma.task.update({
      where: { id: taskId },
      data: {
        branch,
        baseCommit: BASE,
        branchHead: FIRST,
        deliveredTo: repoPath,
        deliveredHead: FIRST,
        deliveredAt,
      },
    });
    await land(taskId, 1, BASE, FIRST);
    const api = await user.api();

    expect((await api.tasks.get({ taskId })).task.delivery).toEqual({
      branch,
      baseCommit: BASE,
      head: FIRST,
      deliveredTo: repoPath,
      deliveredHead: FIRST,
      deliveredAt,
      error: null,
      upToDate: true,
      landings: 1,
    });

    // The next phase lands a commit; its delivery has not happened yet.
    await land(taskId, 2, FIRST, SECOND);
    await db.prisma.task.update({ where: { id: taskId }, data: { branchHead: SECOND } });
    expect((await api.tasks.get({ taskId })).task.delivery).toMatchObject({
      head: SECOND,
      deliveredHead: FIRST,
      upToDate: false,
      landings: 2,
    });
  });

  it('a failed delivery: the error, the last successful delivery kept, and no credentials', async () => {
    const taskId = await newTask('Refused');
    const branch = `switchyard/${taskId}`;
    const deliveredAt = new Date('2026-12-07T08:09:10Z');
    await db.prisma.task.update({
      where: { id: taskId },
      data: {
        branch,
        baseCommit: BASE,
        branchHead: SECOND,
        deliveredTo: 'https://git.example.com/shop.git',
        deliveredHead: FIRST,
        deliveredAt,
        deliveryError:
          "remote: Permission denied.\nfatal: unable to access 'https://bot:ghp_secret123@git.example.com/shop.git/': The requested URL returned error: 403",
      },
    });
    await land(taskId, 1, BASE, FIRST);
    await land(taskId, 2, FIRST, SECOND);

    const detail = await (await user.api()).tasks.get({ taskId });
    expect(detail.task.delivery).toEqual({
      branch,
      baseCommit: BASE,
      head: SECOND,
      deliveredTo: 'https://git.example.com/shop.git',
      deliveredHead: FIRST,
      deliveredAt,
      error:
        "remote: Permission denied.\nfatal: unable to access 'https://git.example.com/shop.git/': The requested URL returned error: 403",
      upToDate: false,
      landings: 2,
    });
    expect(JSON.stringify(detail)).not.toContain('ghp_secret123');
  });

  it('counts the bundles without sending their data', async () => {
    const taskId = await newTask('Big');
    await land(taskId, 1, BASE, FIRST);
    const detail = await (await user.api()).tasks.get({ taskId });
    // 64 KiB of bundle would make the answer that much bigger.
    expect(JSON.stringify(detail).length).toBeLessThan(16 * 1024);
    expect(detail.task.delivery.landings).toBe(1);
  });
});
