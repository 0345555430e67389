import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  SECRET_KEY,
  waitForTask,
} from './support/fixtures';
import { isCoderCall, scriptedResponder } from './support/scripted-responder';

// A worker killed with SIGKILL in the middle of a phase: another worker resumes the run once the
// lease expires (attempt 2) and the task completes, with no event written twice.
const WORKER_MAIN = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));
let db: TestDatabase;
let llm: FakeLlmServer;
const workers: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));

function startWorkerProcess(name: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    cwd: fileURLToPath(new URL('../../apps/worker/', import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      WORKER_ID: name,
      WORKER_LEASE_MS: '2000',
      WORKER_POLL_MS: '250',
      SWITCHYARD_SECRET_KEY: SECRET_KEY.toString('base64'),
      SWITCHYARD_WORKTREES_DIR: join(scratch, 'worktrees'),
      // The test's repository lives in the temporary folder.
      SWITCHYARD_PROJECT_ROOTS: tmpdir(),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(child);
  return child;
}

let coderCalls = 0;
beforeAll(async () => {
  db = await freshDatabase();
  // The first coding call never finishes: the worker holding it is killed there.
  llm = await startFakeLlm({
    responder: scriptedResponder((view) => {
      if (!isCoderCall(view) || view.hasToolResult) return undefined;
      coderCalls += 1;
      return coderCalls === 1 ? { kind: 'reply', text: 'Working on it', hang: true } : undefined;
    }),
  });
  const { team } = await createTeamAndProject(db.prisma, makeRepository());
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${llm.url}/v1`,
    secret: 'zai-crash-secret-0003',
  });
  const glm = { provider: 'zai', model: 'glm-4.7' };
  await createProfile(db.prisma, team.id, 'GLM', { spec: glm, planning: glm, coding: glm, qa: glm });
});

afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await llm?.close();
  await db?.drop();
});

describe('a worker killed mid-phase', () => {
  it('is replaced by another worker that resumes the run after the lease expires', async () => {
    const team = await db.prisma.team.findFirstOrThrow();
    const project = await db.prisma.project.findFirstOrThrow();
    const profile = await db.prisma.agentProfile.findFirstOrThrow({ where: { teamId: team.id } });
    const first = startWorkerProcess('doomed-worker');
    const task = await createTask(db.prisma, {
      teamId: team.id,
      projectId: project.id,
      profileId: profile.id,
      title: 'Survive a crash',
    });

    const deadline = Date.now() + 60_000;
    while (coderCalls === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(coderCalls).toBe(1);
    first.kill('SIGKILL');
    startWorkerProcess('rescue-worker');

    const done = await waitForTask(db.prisma, task.id, ['done', 'blocked', 'failed'], 60_000);

    expect(done.status).toBe('done');
    const coding = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'coding.subtask' },
    });
    expect(coding).toMatchObject({ status: 'succeeded', attempt: 2, leaseOwner: null });
    expect(coding.fencingToken).toBe(2n);
    const events = await db.prisma.phaseEvent.findMany({
      where: { phaseRunId: coding.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The rescued attempt made its own tool call; nothing the dead worker had not flushed was kept twice.
    expect(events.filter((e) => e.type === 'tool_call')).toHaveLength(1);
  }, 120_000);
});
