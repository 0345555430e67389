import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeAnswer } from '../src/wire';
import { apiHarness, type SignedUp } from './support/api-harness';

// tasks.get and tasks.list are written in SQL that names every field (docs/decisions/0016): each
// stored value must come back, with the type the API promises, compared here with Prisma's reading.

let db: TestDatabase;
let user: SignedUp;
let taskId: string;
beforeAll(async () => {
  db = await freshDatabase();
  const harness = apiHarness(db.prisma, { env: { ANTHROPIC_API_KEY: 'from-env' } });
  user = await harness.signUp('Noor');
  const api = await user.api();
  const project = await api.projects.create({ name: 'shop', repoPath: harness.repo('shop') });
  ({
    task: { id: taskId },
  } = await api.tasks.create({
    projectId: project.id,
    title: 'Every field',
    description: 'Stored — and read back',
    routing: { provider: 'anthropic' },
    budgetUsd: 12.5,
  }));
  await db.prisma.task.update({
    where: { id: taskId },
    data: {
      status: 'failed',
      statusReason: 'QA found 2 problems',
      inputTokens: 123_456_789n,
      outputTokens: 9_876n,
      cacheTokens: 5n,
      costUsd: '1.234567',
      finishedAt: new Date('2026-12-07T10:00:00.123Z'),
      branch: `switchyard/${taskId}`,
      worktreePath: '/data/worktrees/x',
      baseCommit: 'a'.repeat(40),
      branchHead: 'b'.repeat(40),
      deliveredTo: 'https://user:token@git.example.com/shop.git',
      deliveredHead: 'b'.repeat(40),
      deliveredAt: new Date('2026-12-07T10:00:01.456Z'),
      deliveryError: null,
    },
  });
  const [first] = await db.prisma.phaseRun.findMany({ where: { taskId } });
  await db.prisma.phaseRun.update({
    where: { id: first!.id },
    data: {
      status: 'failed',
      subtaskId: 'subtask-1',
      attempt: 2,
      startedAt: new Date('2026-12-07T09:00:00.001Z'),
      finishedAt: new Date('2026-12-07T09:00:07.501Z'),
      inputTokens: 1_000n,
      outputTokens: 20n,
      cacheTokens: 3n,
      costUsd: '0.015',
      errorClass: 'rate_limited',
      errorMessage: 'Too many requests',
    },
  });
  await db.prisma.artifact.createMany({
    data: [
      { taskId, phaseRunId: first!.id, name: 'spec.md', content: 'Spëc ✓' },
      { taskId, name: 'changes.diff', content: '+added' },
    ],
  });
  await db.prisma.taskBranchBundle.create({
    data: {
      taskId,
      seq: 1,
      fromCommit: 'a'.repeat(40),
      toCommit: 'b'.repeat(40),
      commits: 1,
      data: new Uint8Array(8),
    },
  });
});
afterAll(() => db?.drop());

describe('tasks.get and tasks.list carry every stored field', () => {
  it('tasks.get: the task, its delivery, its runs, its artifacts and its diff', async () => {
    const detail = await (await user.api()).tasks.get({ taskId });
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { id: taskId },
      include: { project: true },
    });
    const runs = await db.prisma.phaseRun.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } });
    const artifacts = await db.prisma.artifact.findMany({ where: { taskId }, orderBy: { name: 'asc' } });
    const run = runs[0]!;
    const decision = run.routingDecision as { provider: string; providerLabel: string; model: string };

    expect(detail).toEqual({
      task: {
        id: task.id,
        teamId: task.teamId,
        projectId: task.projectId,
        projectName: 'shop',
        title: 'Every field',
        status: 'failed',
        statusReason: 'QA found 2 problems',
        profileId: task.profileId,
        budgetUsd: 12.5,
        inputTokens: 123_456_789,
        outputTokens: 9_876,
        cacheTokens: 5,
        costUsd: 1.234567,
        createdAt: task.createdAt,
        updatedAt: task.updatedAt,
        finishedAt: new Date('2026-12-07T10:00:00.123Z'),
        description: 'Stored — and read back',
        routing: task.routing,
        branch: `switchyard/${taskId}`,
        worktreePath: '/data/worktrees/x',
        delivery: {
          branch: `switchyard/${taskId}`,
          baseCommit: 'a'.repeat(40),
          head: 'b'.repeat(40),
          // Never the credentials a remote URL may carry.
          deliveredTo: 'https://git.example.com/shop.git',
          deliveredHead: 'b'.repeat(40),
          deliveredAt: new Date('2026-12-07T10:00:01.456Z'),
          error: null,
          upToDate: true,
          landings: 1,
        },
      },
      runs: [
        {
          id: run.id,
          phase: 'spec',
          kind: 'spec.discovery',
          iteration: run.iteration,
          subtaskId: 'subtask-1',
          status: 'failed',
          routing: {
            provider: decision.provider,
            providerLabel: decision.providerLabel,
            model: decision.model,
            final: { provider: decision.provider, model: decision.model },
            hops: [],
            fallbacks: expect.any(Number),
            calls: 0,
            failedCalls: 0,
          },
          attempt: 2,
          maxAttempts: run.maxAttempts,
          inputTokens: 1_000,
          outputTokens: 20,
          cacheTokens: 3,
          costUsd: 0.015,
          createdAt: run.createdAt,
          startedAt: new Date('2026-12-07T09:00:00.001Z'),
          finishedAt: new Date('2026-12-07T09:00:07.501Z'),
          durationMs: 7_500,
          errorClass: 'rate_limited',
          errorMessage: 'Too many requests',
        },
      ],
      artifacts: artifacts.map((a) => ({
        id: a.id,
        name: a.name,
        phaseRunId: a.phaseRunId,
        // Bytes, not characters: "Spëc ✓" is 6 characters and 9 bytes.
        size: Buffer.byteLength(a.content, 'utf8'),
        updatedAt: a.updatedAt,
      })),
      diff: { content: '+added', updatedAt: artifacts.find((a) => a.name === 'changes.diff')!.updatedAt },
    });
    expect(detail.artifacts.find((a) => a.name === 'spec.md')!.size).toBe(9);
    // And over the wire (the server-side caller above skips it): what a client reads back is the same.
    const wire = JSON.parse(JSON.stringify(serializeAnswer(detail)));
    expect(wire).toEqual(superjson.serialize(detail));
    expect(superjson.deserialize(wire)).toEqual(detail);
  });

  it('tasks.list: the same summary of the task', async () => {
    const { items } = await (await user.api()).tasks.list({ limit: 10 });
    const { task } = await (await user.api()).tasks.get({ taskId });
    const { description, routing, branch, worktreePath, delivery, ...summary } = task;
    expect(items).toEqual([summary]);
  });

  it('tasks.get of another team or of no task is NOT_FOUND', async () => {
    const api = await user.api();
    await expect(api.tasks.get({ taskId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
