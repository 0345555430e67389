import { execFileSync } from 'node:child_process';
import { requestTaskCancel } from '@switchyard/db/queue';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
} from './support/fixtures';
import { bashCall, isCoderCall, scriptedResponder } from './support/scripted-responder';
import { startWorker } from './support/worker';

// Cancelling a task stops its running phase within 2 s: the model stream, any Bash process tree.
let db: TestDatabase;
let llm: FakeLlmServer;
let worker: Awaited<ReturnType<typeof startWorker>>;
let setup: { teamId: string; projectId: string; profileId: string };
const MARKER = `60.${process.pid}`;

beforeAll(async () => {
  db = await freshDatabase();
  llm = await startFakeLlm({});
  const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${llm.url}/v1`,
    secret: 'zai-cancel-secret',
  });
  const glm = { provider: 'zai', model: 'glm-4.7' };
  const profile = await createProfile(db.prisma, team.id, 'GLM', {
    spec: glm,
    planning: glm,
    coding: glm,
    qa: glm,
  });
  setup = { teamId: team.id, projectId: project.id, profileId: profile.id };
  worker = await startWorker(db.url);
});
afterAll(async () => {
  await worker?.stop();
  await llm?.close();
  await db?.drop();
});
afterEach(() => llm.reset());

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function sleepRunning(): boolean {
  try {
    execFileSync('pgrep', ['-f', `sleep ${MARKER}`]);
    return true;
  } catch {
    return false;
  }
}

async function cancelledWithin(taskId: string): Promise<number> {
  const started = Date.now();
  await requestTaskCancel(db.prisma, taskId);
  await until(async () => {
    const runs = await db.prisma.phaseRun.findMany({ where: { taskId, status: 'running' } });
    return runs.length === 0 || undefined;
  }, 5_000);
  return Date.now() - started;
}

describe('cancel', () => {
  it('stops a phase that is running a Bash `sleep 60`, killing the process, within 2 s', async () => {
    llm.setResponder(
      scriptedResponder((view) =>
        isCoderCall(view) && !view.hasToolResult ? bashCall(`sleep ${MARKER}`) : undefined,
      ),
    );
    const task = await createTask(db.prisma, { ...setup, title: 'Cancel me while sleeping' });
    await until(() => sleepRunning() || undefined, 30_000);

    const elapsed = await cancelledWithin(task.id);

    expect(elapsed).toBeLessThan(2_000);
    expect(sleepRunning()).toBe(false);
    const run = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'coding.subtask' },
    });
    expect(run.status).toBe('cancelled');
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('cancelled');
  });

  it('stops a phase whose model is still streaming, within 2 s', async () => {
    llm.setResponder(
      scriptedResponder((view) =>
        /requirements/i.test(view.system) ? { kind: 'reply', text: 'Thinking', hang: true } : undefined,
      ),
    );
    const task = await createTask(db.prisma, { ...setup, title: 'Cancel me while streaming' });
    await until(
      () => llm.requests.some((r) => JSON.stringify(r.body).includes('You gather requirements')) || undefined,
      30_000,
    );

    const elapsed = await cancelledWithin(task.id);

    expect(elapsed).toBeLessThan(2_000);
    const run = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'spec.requirements' },
    });
    expect(run.status).toBe('cancelled');
    expect(await db.prisma.phaseRun.count({ where: { taskId: task.id, status: 'pending' } })).toBe(0);
  });
});
