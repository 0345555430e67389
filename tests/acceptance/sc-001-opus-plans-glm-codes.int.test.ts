import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  gitOutput,
  makeRepository,
  waitForTask,
} from './support/fixtures';
import { startWorker } from './support/worker';

// SC-001: one task, one repository: spec and planning on an Anthropic-protocol provider ("Opus"),
// coding and QA on an OpenAI-protocol one ("GLM"), each phase visibly on its own provider.
let db: TestDatabase;
let opus: FakeLlmServer;
let glm: FakeLlmServer;
let worker: Awaited<ReturnType<typeof startWorker>>;
let repo: string;
let taskId: string;

beforeAll(async () => {
  db = await freshDatabase();
  opus = await startFakeLlm({ responder: greeterResponder, label: 'opus' });
  glm = await startFakeLlm({ responder: greeterResponder, label: 'glm' });
  repo = makeRepository();
  const { team, project } = await createTeamAndProject(db.prisma, repo);
  await addCredential(db.prisma, team.id, {
    provider: 'anthropic',
    protocol: 'anthropic-messages',
    baseUrl: opus.url,
    secret: 'sk-ant-opus-secret-1234',
  });
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${glm.url}/api/paas/v4`,
    secret: 'zai-glm-secret-5678',
  });
  const profile = await createProfile(db.prisma, team.id, 'Opus plan, GLM code', {
    spec: { provider: 'anthropic', model: 'opus' },
    planning: { provider: 'anthropic', model: 'opus' },
    coding: { provider: 'zai', model: 'glm-4.7' },
    qa: { provider: 'zai', model: 'glm-4.7' },
  });
  worker = await startWorker(db.url);
  const task = await createTask(db.prisma, {
    teamId: team.id,
    projectId: project.id,
    profileId: profile.id,
    title: 'Add a greeting file',
  });
  taskId = task.id;
  await waitForTask(db.prisma, taskId, ['done', 'failed', 'blocked', 'needs_human'], 90_000);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await opus?.close();
  await glm?.close();
  await db?.drop();
});

describe('SC-001: Opus plans, GLM codes, in one task', () => {
  it('runs every phase to done', async () => {
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.statusReason).toBeNull();
    expect(task.status).toBe('done');
    const runs = await db.prisma.phaseRun.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } });
    expect(runs.map((r) => r.kind)).toEqual([
      'spec.discovery',
      'spec.requirements',
      'spec.complexity',
      'spec.write',
      'planning.plan',
      'coding.subtask',
      'qa.review',
    ]);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(Number(task.inputTokens)).toBeGreaterThan(0);
  });

  it('sends each provider only the requests of its own phases', () => {
    expect(opus.requests.length).toBeGreaterThan(0);
    expect(glm.requests.length).toBeGreaterThan(0);
    expect(
      opus.requests.every((r) => r.protocol === 'anthropic-messages' && r.model?.startsWith('claude-opus')),
    ).toBe(true);
    expect(glm.requests.every((r) => r.protocol === 'openai-chat' && r.model === 'glm-4.7')).toBe(true);
    // The coder's tools (Write) were offered to GLM only; Opus got read-only tools at most.
    const toolNames = (r: (typeof opus.requests)[number]) =>
      ((r.body.tools ?? []) as { name?: string; function?: { name: string } }[]).map(
        (t) => t.name ?? t.function?.name,
      );
    expect(opus.requests.some((r) => toolNames(r).includes('Write'))).toBe(false);
    expect(glm.requests.some((r) => toolNames(r).includes('Write'))).toBe(true);
    // Each credential went to its own provider only.
    expect(opus.requests.every((r) => JSON.stringify(r.headers).includes('sk-ant-opus-secret-1234'))).toBe(
      true,
    );
    expect(glm.requests.every((r) => JSON.stringify(r.headers).includes('zai-glm-secret-5678'))).toBe(true);
  });

  it("records each phase's provider and model in its routing decision and events", async () => {
    const runs = await db.prisma.phaseRun.findMany({
      where: { taskId },
      include: { events: { where: { type: 'routing' } } },
    });
    for (const run of runs) {
      const decision = run.routingDecision as { provider: string; model: string };
      const expected = run.phase === 'spec' || run.phase === 'planning' ? 'anthropic' : 'zai';
      expect(decision.provider, run.kind).toBe(expected);
      expect(run.events[0]?.payload).toMatchObject({ provider: expected, model: decision.model });
    }
  });

  it('leaves the files the agent wrote on the task branch and the base branch untouched', async () => {
    const branch = `switchyard/${taskId}`;
    expect(gitOutput(repo, 'show', `${branch}:HELLO.md`)).toContain('Add a greeting file');
    expect(gitOutput(repo, 'log', '--format=%s', 'main')).toBe('initial\n');
    expect(gitOutput(repo, 'ls-tree', '--name-only', 'main')).not.toContain('HELLO.md');
    const diff = await db.prisma.artifact.findUniqueOrThrow({
      where: { taskId_name: { taskId, name: 'changes.diff' } },
    });
    expect(diff.content).toContain('+++ b/HELLO.md');
  });

  it('stores the spec, the plan and the QA report as artifacts', async () => {
    const names = (await db.prisma.artifact.findMany({ where: { taskId } })).map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['discovery.md', 'spec.md', 'implementation_plan.json', 'qa_report.md']),
    );
  });

  it('never writes a credential into an event', async () => {
    const events = await db.prisma.phaseEvent.findMany({ where: { phaseRun: { taskId } } });
    const all = JSON.stringify(events.map((e) => e.payload));
    expect(all).not.toContain('sk-ant-opus-secret-1234');
    expect(all).not.toContain('zai-glm-secret-5678');
  });
});
