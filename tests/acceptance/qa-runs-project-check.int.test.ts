import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import {
  DEMO_BUG,
  DEMO_CHECK_COMMAND,
  DEMO_REPOSITORY_FILES,
  demoCoderResponder,
  demoPlannerResponder,
  type FakeLlmServer,
  type FakeResponder,
  readConversation,
  startFakeLlm,
} from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  gitOutput,
  makeDemoRepository,
  waitForTask,
} from './support/fixtures';
import { startWorker } from './support/worker';

// QA runs the project's check command (the demo repository's `npm test`) before the review: a
// failing check is an issue whatever the reviewer says, the fixer gets its output, and a check that
// never passes ends in needs_human with that output.
let db: TestDatabase;
let planner: FakeLlmServer;
let coder: FakeLlmServer;
let worker: Awaited<ReturnType<typeof startWorker>>;

/** The demo coder, except that the sessions `lazy` picks answer "done" without touching a file. */
const coderThatSkips =
  (lazy: (brief: string) => boolean): FakeResponder =>
  (request) => {
    const view = readConversation(request);
    const isWriter = view.tools.some((tool) => tool.name === 'Edit');
    if (isWriter && view.toolCalls.length === 0 && lazy(view.lastUserText))
      return { kind: 'reply', text: 'Done (nothing changed).' };
    return demoCoderResponder(request);
  };

async function runShopTask(responder: FakeResponder, settings: { maxQaIterations?: number } = {}) {
  coder.setResponder(responder);
  const repo = makeDemoRepository(DEMO_REPOSITORY_FILES);
  const { team, project } = await createTeamAndProject(db.prisma, repo);
  await db.prisma.project.update({
    where: { id: project.id },
    data: { checkCommand: DEMO_CHECK_COMMAND, settings },
  });
  await addCredential(db.prisma, team.id, {
    provider: 'anthropic',
    protocol: 'anthropic-messages',
    baseUrl: planner.url,
    secret: 'sk-ant-planner-secret-1234',
  });
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${coder.url}/api/paas/v4`,
    secret: 'zai-coder-secret-5678',
  });
  const profile = await createProfile(db.prisma, team.id, 'Plan on Anthropic, code on GLM', {
    spec: { provider: 'anthropic', model: 'opus' },
    planning: { provider: 'anthropic', model: 'opus' },
    coding: { provider: 'zai', model: 'glm-4.7' },
    qa: { provider: 'zai', model: 'glm-4.7' },
  });
  const created = await createTask(db.prisma, {
    teamId: team.id,
    projectId: project.id,
    profileId: profile.id,
    title: 'Fix the cart total',
    description: DEMO_BUG.symptom,
  });
  const task = await waitForTask(db.prisma, created.id, ['done', 'failed', 'blocked', 'needs_human'], 90_000);
  const runs = await db.prisma.phaseRun.findMany({
    where: { taskId: task.id },
    orderBy: { createdAt: 'asc' },
  });
  const logs = (
    await db.prisma.phaseEvent.findMany({
      where: { phaseRun: { taskId: task.id }, type: 'log' },
      orderBy: [{ at: 'asc' }, { seq: 'asc' }],
    })
  ).map((event) => String((event.payload as { message?: string }).message));
  return { task, runs, logs, repo };
}

beforeAll(async () => {
  db = await freshDatabase();
  planner = await startFakeLlm({ responder: demoPlannerResponder, label: 'planner' });
  coder = await startFakeLlm({ responder: demoCoderResponder, label: 'coder' });
  worker = await startWorker(db.url);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await planner?.close();
  await coder?.close();
  await db?.drop();
});

describe('QA runs the project check', () => {
  it('fails a change whose tests fail although the reviewer approves, gives the fixer the output, then approves', async () => {
    const { task, runs, logs, repo } = await runShopTask(
      coderThatSkips((brief) => brief.includes('# Your subtask')),
    );
    expect(task.statusReason).toBeNull();
    expect(task.status).toBe('done');
    expect(runs.map((r) => r.kind).slice(-4)).toEqual(['coding.subtask', 'qa.review', 'qa.fix', 'qa.review']);

    const checks = logs.filter((line) => line.startsWith('check '));
    // After the subtask, at the first review (both failing), at the second review (passing).
    expect(checks.map((line) => line.split(':')[0])).toEqual([
      'check failed',
      'check failed',
      'check passed',
    ]);
    expect(checks[0]).toContain(`${DEMO_CHECK_COMMAND} (exit code 1)`);
    expect(logs).toContain('QA round 1: 1 issue(s)');
    expect(logs).toContain('QA round 2: approved');

    // The fixer was told what failed: the check's own output, in the QA report it received.
    const fixerBrief = coder.requests
      .map((request) => readConversation(request))
      .find((view) => view.lastUserText.includes('# QA report'));
    expect(fixerBrief?.lastUserText).toContain(`The project's check fails: ${DEMO_CHECK_COMMAND}`);
    expect(fixerBrief?.lastUserText).toMatch(/not ok \d+ - the total counts every item/);

    const branch = `switchyard/${task.id}`;
    expect(gitOutput(repo, 'show', `${branch}:${DEMO_BUG.file}`)).toContain(DEMO_BUG.fixed);
    expect(gitOutput(repo, 'show', `main:${DEMO_BUG.file}`)).toContain(DEMO_BUG.buggy);
    // The coder's npm test and QA's check ran inside bubblewrap: no run is flagged.
    expect(runs.filter((r) => r.unsandboxed)).toEqual([]);
    expect(logs.some((line) => line.includes('WITHOUT a sandbox'))).toBe(false);
  }, 120_000);

  it('ends in needs_human with the last failing output when the check still fails at the review cap', async () => {
    const { task, runs } = await runShopTask(
      coderThatSkips(() => true),
      { maxQaIterations: 2 },
    );
    expect(task.status).toBe('needs_human');
    expect(runs.filter((r) => r.kind === 'qa.review')).toHaveLength(2);
    expect(task.statusReason).toContain('after 2 review rounds');
    expect(task.statusReason).toContain(`Last output of \`${DEMO_CHECK_COMMAND}\``);
    expect(task.statusReason).toMatch(/# fail 2/);
  }, 120_000);

  it('on a worker started with SWITCHYARD_SANDBOX=off, still runs, and every run records and logs it', async () => {
    await worker.stop();
    worker = await startWorker(db.url, { sandbox: 'off' });
    const { task, runs, logs } = await runShopTask(demoCoderResponder);
    expect(task.status).toBe('done');
    expect(runs.length).toBeGreaterThan(4);
    expect(runs.filter((r) => !r.unsandboxed).map((r) => r.kind)).toEqual([]);
    const warnings = logs.filter((line) => line.startsWith('agent commands run WITHOUT a sandbox'));
    expect(warnings).toHaveLength(runs.length);
  }, 120_000);
});
