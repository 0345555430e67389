import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  waitForTask,
} from './support/fixtures';
import { bashCall, isCoderCall, scriptedResponder } from './support/scripted-responder';
import { startWorker } from './support/worker';

// Provider failures end in a state a user can act on (SC-003), and a fallback takes over when one exists.
const ZAI_1113 = {
  kind: 'error' as const,
  status: 429,
  body: { error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' } },
};

let db: TestDatabase;
let claude: FakeLlmServer;
let glm: FakeLlmServer;
let worker: Awaited<ReturnType<typeof startWorker>>;
let teamId: string;
let projectId: string;

beforeAll(async () => {
  db = await freshDatabase();
  claude = await startFakeLlm({ responder: greeterResponder, label: 'claude' });
  glm = await startFakeLlm({ label: 'glm' });
  const created = await createTeamAndProject(db.prisma, makeRepository());
  teamId = created.team.id;
  projectId = created.project.id;
  await addCredential(db.prisma, teamId, {
    provider: 'anthropic',
    protocol: 'anthropic-messages',
    baseUrl: claude.url,
    secret: 'sk-ant-failures-0001',
  });
  await addCredential(db.prisma, teamId, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${glm.url}/v1`,
    secret: 'zai-failures-secret-0002',
  });
  worker = await startWorker(db.url);
});
afterAll(async () => {
  await worker?.stop();
  await claude?.close();
  await glm?.close();
  await db?.drop();
});

const sonnet = { provider: 'anthropic', model: 'sonnet' };

describe('Z.AI out of balance (1113)', () => {
  it('blocks the task with an actionable message and never retries the call, when there is no fallback', async () => {
    glm.reset();
    glm.setResponder(() => ZAI_1113);
    const profile = await createProfile(db.prisma, teamId, 'GLM codes, no fallback', {
      spec: sonnet,
      planning: sonnet,
      coding: { provider: 'zai', model: 'glm-4.7' },
      qa: sonnet,
    });
    const task = await createTask(db.prisma, {
      teamId,
      projectId,
      profileId: profile.id,
      title: 'Needs GLM',
    });

    const done = await waitForTask(db.prisma, task.id, ['blocked', 'done', 'failed']);

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toMatch(
      /Z\.AI key "zai" rests until the credential is edited \(1113 no balance: Insufficient balance or no resource package/,
    );
    expect(done.statusReason).toMatch(
      /top up the account and edit the credential, add a key, or add a fallback, then retry the phase\.$/,
    );
    expect(glm.requests).toHaveLength(1);
    const run = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'coding.subtask' },
    });
    expect(run).toMatchObject({ status: 'blocked', errorClass: 'quota_exhausted', attempt: 1 });
  });

  it('finishes the phase on the fallback model, and the decision and events show the hop', async () => {
    glm.reset();
    glm.setResponder(() => ZAI_1113);
    const profile = await createProfile(db.prisma, teamId, 'GLM codes, Claude falls back', {
      spec: sonnet,
      planning: sonnet,
      coding: { provider: 'zai', model: 'glm-4.7', fallbacks: [sonnet] },
      qa: sonnet,
    });
    const task = await createTask(db.prisma, {
      teamId,
      projectId,
      profileId: profile.id,
      title: 'Falls back',
    });

    const done = await waitForTask(db.prisma, task.id, ['blocked', 'done', 'failed']);

    expect(done.status).toBe('done');
    const run = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'coding.subtask' },
      include: { events: { where: { type: 'fallback' } } },
    });
    const decision = run.routingDecision as {
      provider: string;
      hops: { from: { provider: string }; to: { provider: string }; reason: string }[];
    };
    expect(decision.provider).toBe('zai');
    expect(decision.hops[0]).toMatchObject({ from: { provider: 'zai' }, to: { provider: 'anthropic' } });
    expect(decision.hops[0]?.reason).toMatch(/quota_exhausted/);
    expect(run.events).toHaveLength(1);
  });
});

describe('budget', () => {
  it('blocks the task with the reason once its budget is spent', async () => {
    const profile = await createProfile(db.prisma, teamId, 'Claude everywhere', {
      spec: sonnet,
      planning: sonnet,
      coding: sonnet,
      qa: sonnet,
    });
    const task = await createTask(db.prisma, {
      teamId,
      projectId,
      profileId: profile.id,
      title: 'Tiny budget',
      budgetUsd: 0.0001,
    });

    const done = await waitForTask(db.prisma, task.id, ['blocked', 'done', 'failed']);

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toMatch(
      /^The task's budget of \$0\.0001 is reached \(\$0\.\d+ spent\)\. Raise the budget/,
    );
    expect(Number(done.costUsd)).toBeGreaterThan(0);
    expect(await db.prisma.phaseRun.count({ where: { taskId: task.id, status: 'pending' } })).toBe(0);
  });
});

describe('secrets in tool output', () => {
  it('redacts a credential value printed by a Bash command from the events', async () => {
    claude.setResponder(
      scriptedResponder((view) =>
        isCoderCall(view) && !view.hasToolResult ? bashCall('echo leaked: sk-ant-failures-0001') : undefined,
      ),
    );
    const profile = await createProfile(db.prisma, teamId, 'Claude leaks', {
      spec: sonnet,
      planning: sonnet,
      coding: sonnet,
      qa: sonnet,
    });
    const task = await createTask(db.prisma, {
      teamId,
      projectId,
      profileId: profile.id,
      title: 'Print a key',
    });

    await waitForTask(db.prisma, task.id, ['blocked', 'done', 'failed']);

    const results = await db.prisma.phaseEvent.findMany({
      where: { phaseRun: { taskId: task.id }, type: 'tool_result' },
    });
    const output = JSON.stringify(results.map((e) => e.payload));
    expect(output).toContain('leaked: [redacted]');
    expect(output).not.toContain('sk-ant-failures-0001');
    claude.setResponder(greeterResponder);
  });
});
