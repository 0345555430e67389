import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type SignedUp } from './support/api-harness';

let db: TestDatabase;
let user: SignedUp;
let projectId: string;
beforeAll(async () => {
  db = await freshDatabase();
  // The worker's env supplies the Anthropic key: previews and validation read it like the worker.
  const harness = apiHarness(db.prisma, { env: { ANTHROPIC_API_KEY: 'from-env' } });
  user = await harness.signUp('Lee');
  projectId = (await (await user.api()).projects.create({ name: 'repo', repoPath: harness.repo('repo') })).id;
});
afterAll(() => db?.drop());

async function finishRuns(taskId: string, status: 'failed' | 'succeeded') {
  await db.prisma.phaseRun.updateMany({
    where: { taskId, status: 'pending' },
    data: { status, finishedAt: new Date() },
  });
  await db.prisma.task.update({
    where: { id: taskId },
    data: { status: status === 'failed' ? 'failed' : 'done', statusReason: 'x', finishedAt: new Date() },
  });
}

describe('a task from creation to rerun', () => {
  it('shows runs, events, artifacts and the diff; streams events; retries and reruns', async () => {
    const api = await user.api();
    const { task } = await api.tasks.create({
      projectId,
      title: 'Coupons',
      description: 'Add coupons',
      routing: {},
    });
    const detail = await api.tasks.get({ taskId: task.id });
    expect(detail.runs).toHaveLength(1);
    expect(detail.runs[0]).toMatchObject({ kind: 'spec.discovery', status: 'pending' });
    expect(detail.runs[0]!.routing).toMatchObject({ provider: 'anthropic', calls: 0 });
    const runId = detail.runs[0]!.id;
    expect(await api.tasks.runRouting({ taskId: task.id, runId })).toMatchObject({
      provider: 'anthropic',
      credential: { kind: 'env', envName: 'ANTHROPIC_API_KEY' },
    });
    expect(detail.diff).toBeNull();

    await db.prisma.phaseEvent.createMany({
      data: [1, 2, 3].map((seq) => ({
        phaseRunId: runId,
        seq,
        type: 'log' as const,
        payload: { text: `line ${seq}` },
      })),
    });
    await db.prisma.artifact.create({
      data: { taskId: task.id, name: 'changes.diff', content: 'diff --git a/x b/x' },
    });

    const page = await api.tasks.events({ taskId: task.id, limit: 2 });
    expect(page.events.map((e) => e.seq)).toEqual([1, 2]);
    const rest = await api.tasks.events({ taskId: task.id, after: page.cursor });
    expect(rest.events.map((e) => e.seq)).toEqual([3]);
    expect((await api.tasks.get({ taskId: task.id })).diff?.content).toBe('diff --git a/x b/x');
    expect((await api.tasks.artifact({ taskId: task.id, name: 'changes.diff' })).content).toMatch(/^diff/);

    // The subscription replays from a cursor, then ends once the task has settled.
    await finishRuns(task.id, 'failed');
    const streamed: number[] = [];
    for await (const event of await api.tasks.subscribe({
      taskId: task.id,
      lastEventId: page.events[0]!.id,
    })) {
      // A server-side caller yields tracked() as [id, data]; over SSE the client sees { id, data }.
      const tracked = event as unknown as [string, { seq: number }] | { data: { seq: number } };
      streamed.push(Array.isArray(tracked) ? tracked[1].seq : tracked.data.seq);
    }
    expect(streamed).toEqual([2, 3]);

    // Retry: the failed spec run is queued again and the task goes back to queued.
    const retried = await api.tasks.retryPhase({ taskId: task.id, phase: 'spec' });
    expect(retried).toMatchObject({ kind: 'spec.discovery', status: 'pending' });
    expect(await db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'queued',
      statusReason: null,
      finishedAt: null,
    });
    await expect(api.tasks.retryPhase({ taskId: task.id, phase: 'spec' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // Rerun from coding needs the plan; with it, the first subtask is queued with the new routing.
    await finishRuns(task.id, 'succeeded');
    await expect(api.tasks.rerunFromPhase({ taskId: task.id, phase: 'coding', routing: {} })).rejects.toThrow(
      /no usable implementation_plan\.json/,
    );
    await db.prisma.artifact.create({
      data: {
        taskId: task.id,
        name: 'implementation_plan.json',
        content: JSON.stringify({
          subtasks: [
            { id: 'st-1', title: 'a' },
            { id: 'st-2', title: 'b' },
          ],
        }),
      },
    });
    await expect(
      api.tasks.rerunFromPhase({
        taskId: task.id,
        phase: 'coding',
        routing: { phaseProviders: { coding: 'zai' } },
      }),
    ).rejects.toThrow(/Phase "coding" routes to Z\.AI/);
    const rerun = await api.tasks.rerunFromPhase({
      taskId: task.id,
      phase: 'coding',
      routing: { phaseModels: { coding: 'haiku' } },
    });
    expect(rerun).toMatchObject({
      phase: 'coding',
      kind: 'coding.subtask',
      subtaskId: 'st-1',
      status: 'pending',
    });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).routing).toEqual({
      phaseModels: { coding: 'haiku' },
    });
    await finishRuns(task.id, 'succeeded');
    const qa = await api.tasks.rerunFromPhase({ taskId: task.id, phase: 'qa', routing: {} });
    expect(qa).toMatchObject({ kind: 'qa.review', iteration: 1 });

    // Cancel: the task and its pending run are cancelled.
    const cancelled = await api.tasks.cancel({ taskId: task.id });
    expect(cancelled.taskCancelled).toBe(true);
    expect(cancelled.cancelledPendingRunIds).toEqual([qa.id]);
  });
});

describe('profiles', () => {
  it('built-ins are read-only, duplicates are editable, and provider ids are checked and normalised', async () => {
    const api = await user.api();
    await db.prisma.agentProfile.create({
      data: {
        name: 'Built-in',
        phases: { coding: { provider: 'anthropic', model: 'sonnet', thinking: 'low', fallbacks: [] } },
      },
    });
    const builtin = (await api.profiles.list()).find((p) => p.builtin)!;
    await expect(
      api.profiles.update({ id: builtin.id, profile: { name: 'x', phases: {} } }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/built-in profile and cannot be changed: duplicate it/),
    });
    await expect(api.profiles.delete({ id: builtin.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const copy = await api.profiles.duplicate({ id: builtin.id });
    expect(copy).toMatchObject({ name: 'Built-in (copy)', builtin: false });
    expect((await api.profiles.duplicate({ id: builtin.id })).name).toBe('Built-in (copy 2)');

    const updated = await api.profiles.update({
      id: copy.id,
      profile: {
        name: 'Opus plan, GLM code',
        phases: {
          planning: { provider: 'Claude', model: 'opus', thinking: 'high' },
          coding: {
            provider: 'GLM',
            model: 'glm-4.7',
            thinking: 'medium',
            fallbacks: [{ provider: 'z.ai', model: 'glm-4.5' }],
          },
        },
      },
    });
    expect(updated.phases.planning?.provider).toBe('anthropic');
    expect(updated.phases.coding).toMatchObject({
      provider: 'zai',
      fallbacks: [{ provider: 'zai', model: 'glm-4.5' }],
    });
    await expect(
      api.profiles.create({ name: 'bad', phases: { qa: { provider: 'nope', model: 'm', thinking: 'low' } } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/Unknown provider "nope"\. Known providers: anthropic/),
    });
    await api.profiles.delete({ id: copy.id });
    await expect(api.profiles.get({ id: copy.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
