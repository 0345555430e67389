import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type SignedUp } from './support/api-harness';

// tasks.get sends a summary of each run's routing decision; tasks.runRouting loads one run's whole
// decision on demand, within the caller's team (docs/decisions/0011).

let db: TestDatabase;
let user: SignedUp;
let stranger: SignedUp;
let projectId: string;
beforeAll(async () => {
  db = await freshDatabase();
  const harness = apiHarness(db.prisma, { env: { ANTHROPIC_API_KEY: 'from-env' } });
  user = await harness.signUp('Ada');
  stranger = await harness.signUp('Eve');
  projectId = (await (await user.api()).projects.create({ name: 'shop', repoPath: harness.repo('shop') })).id;
});
afterAll(() => db?.drop());

async function newTask(title: string) {
  const api = await user.api();
  const { task } = await api.tasks.create({ projectId, title, description: 'd', routing: {} });
  const { runs } = await api.tasks.get({ taskId: task.id });
  return { taskId: task.id, runId: runs[0]!.id };
}

const call = (at: string, outcome: 'ok' | 'error', model: string) => ({
  at,
  turn: 1,
  attempt: 1,
  provider: 'anthropic',
  model,
  outcome,
  latencyMs: 12,
  ...(outcome === 'error' ? { errorClass: 'overloaded', message: 'busy' } : {}),
});

describe('tasks.get: a summary of each run, not its whole routing decision', () => {
  it('carries provider, model and counts, and none of the trace, calls or thinking settings', async () => {
    const { taskId } = await newTask('Summary');
    const detail = await (await user.api()).tasks.get({ taskId });
    const [run] = detail.runs;
    expect(run!.routing).toEqual({
      provider: 'anthropic',
      providerLabel: expect.any(String),
      model: expect.any(String),
      final: { provider: 'anthropic', model: run!.routing!.model },
      hops: [],
      fallbacks: expect.any(Number),
      calls: 0,
      failedCalls: 0,
    });
    expect(run).not.toHaveProperty('routingDecision');
    const wire = JSON.stringify(detail);
    for (const key of ['"trace"', '"attempts"', '"thinking"', '"credential"', '"warnings"'])
      expect(wire).not.toContain(key);
  });

  it('counts calls and failures, and ends on the last fallback hop taken (skipped hops left out)', async () => {
    const { taskId, runId } = await newTask('Fell back');
    const stored = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: runId } });
    const decision = stored.routingDecision as Record<string, unknown>;
    await db.prisma.phaseRun.update({
      where: { id: runId },
      data: {
        routingDecision: {
          ...decision,
          attempts: [
            call('2026-12-01T00:00:00Z', 'error', 'opus'),
            call('2026-12-01T00:00:01Z', 'error', 'opus'),
            call('2026-12-01T00:00:02Z', 'ok', 'glm-4.7'),
          ],
          hops: [
            {
              at: '2026-12-01T00:00:01Z',
              from: { provider: 'anthropic', model: 'opus' },
              to: { provider: 'openai', model: 'gpt-5' },
              reason: 'no credential',
              skipped: true,
            },
            {
              at: '2026-12-01T00:00:02Z',
              from: { provider: 'anthropic', model: 'opus' },
              to: { provider: 'zai', model: 'glm-4.7' },
              reason: 'overloaded',
            },
          ],
        },
      },
    });
    const { runs } = await (await user.api()).tasks.get({ taskId });
    expect(runs[0]!.routing).toMatchObject({
      provider: 'anthropic',
      final: { provider: 'zai', model: 'glm-4.7' },
      hops: [{ provider: 'zai', model: 'glm-4.7' }],
      calls: 3,
      failedCalls: 2,
    });

    const whole = await (await user.api()).tasks.runRouting({ taskId, runId });
    expect(whole?.attempts).toHaveLength(3);
    expect(whole?.hops.map((h) => h.skipped)).toEqual([true, false]);
  });

  it('shows a run without a decision, or with one that is not a decision, as not resolved', async () => {
    const { taskId, runId } = await newTask('Unresolved');
    await db.prisma.phaseRun.update({ where: { id: runId }, data: { routingDecision: 'garbage' } });
    const api = await user.api();
    expect((await api.tasks.get({ taskId })).runs[0]!.routing).toBeNull();
    expect(await api.tasks.runRouting({ taskId, runId })).toBeNull();
  });
});

describe('tasks.runRouting', () => {
  it("returns the run's whole decision: trace, credential, thinking, fallbacks", async () => {
    const { taskId, runId } = await newTask('Why');
    const decision = await (await user.api()).tasks.runRouting({ taskId, runId });
    expect(decision).toMatchObject({
      phase: 'spec',
      provider: 'anthropic',
      credential: { kind: 'env', envName: 'ANTHROPIC_API_KEY' },
      attempts: [],
      hops: [],
    });
    expect(decision!.trace.length).toBeGreaterThan(0);
    expect(decision!.thinking).toHaveProperty('level');
  });

  it('gives arrays stored before they existed their defaults', async () => {
    const { taskId, runId } = await newTask('Old decision');
    const stored = await db.prisma.phaseRun.findUniqueOrThrow({ where: { id: runId } });
    const { attempts: _a, hops: _h, ...old } = stored.routingDecision as Record<string, string>;
    await db.prisma.phaseRun.update({ where: { id: runId }, data: { routingDecision: old } });
    const api = await user.api();
    expect(await api.tasks.runRouting({ taskId, runId })).toMatchObject({ attempts: [], hops: [] });
    expect((await api.tasks.get({ taskId })).runs[0]!.routing).toMatchObject({ calls: 0, hops: [] });
  });

  it('is a clear NOT_FOUND for an unknown run, or a run of another task', async () => {
    const { taskId } = await newTask('Unknown run');
    const other = await newTask('Other task');
    const api = await user.api();
    const unknown = '0190f0f0-0000-7000-8000-000000000000';
    await expect(api.tasks.runRouting({ taskId, runId: unknown })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Task ${taskId} has no run ${unknown}.`,
    });
    await expect(api.tasks.runRouting({ taskId, runId: other.runId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("is NOT_FOUND for another team's run, however it is named", async () => {
    const { taskId, runId } = await newTask('Private');
    const eve = await stranger.api();
    await expect(eve.tasks.runRouting({ taskId, runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(eve.tasks.get({ taskId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
