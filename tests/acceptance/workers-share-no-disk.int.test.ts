import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, type FakeTurn, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  gitOutput,
  makeRepository,
  SECRET_KEY,
  waitForTask,
} from './support/fixtures';
import { isCoderCall, scriptedResponder } from './support/scripted-responder';

// Workers on separate machines: each has its own data folder (WORKER_DATA_DIR) and nothing else in
// common but PostgreSQL and the project. The first worker's folder is deleted before the second
// takes over, and the branch it delivered is deleted from the project too, so the second worker can
// only have the earlier phases' commits from the branch store (docs/decisions/0010).
const WORKER_MAIN = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));
const SUBTASKS = ['1', '2', '3'];
let db: TestDatabase;
let llm: FakeLlmServer;
const workers: ChildProcess[] = [];

/** What the coder of each subtask does; by default it writes part-<id>.md. */
let onCoderCall: (subtask: string, call: number) => FakeTurn | undefined = () => undefined;
const coderCalls = new Map<string, number>();

function startWorkerProcess(name: string, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    cwd: fileURLToPath(new URL('../../apps/worker/', import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      WORKER_ID: name,
      WORKER_DATA_DIR: dataDir,
      WORKER_CONCURRENCY: '1',
      WORKER_LEASE_MS: '2000',
      WORKER_POLL_MS: '250',
      SWITCHYARD_SECRET_KEY: SECRET_KEY.toString('base64'),
      // The test's repositories live in the temporary folder.
      SWITCHYARD_PROJECT_ROOTS: tmpdir(),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  llm = await startFakeLlm({
    responder: scriptedResponder((view) => {
      // The plan: three subtasks, each its own coding phase and commit.
      if (!isCoderCall(view) && /subtasks/i.test(view.system)) {
        const subtasks = SUBTASKS.map((id) => ({
          id,
          title: `Write part-${id}.md`,
          description: `Create part-${id}.md.`,
          acceptance: [`part-${id}.md exists`],
        }));
        return { kind: 'reply', text: JSON.stringify({ subtasks }) };
      }
      if (!isCoderCall(view)) return undefined;
      const subtask = view.lastUserText.match(/# Your subtask: (\d+)\./)?.[1];
      if (!subtask) return undefined;
      if (view.hasToolResult) return { kind: 'reply', text: `Wrote part-${subtask}.md.` };
      const call = (coderCalls.get(subtask) ?? 0) + 1;
      coderCalls.set(subtask, call);
      return (
        onCoderCall(subtask, call) ?? {
          kind: 'reply',
          text: `Writing part-${subtask}.md`,
          toolCalls: [
            { name: 'Write', arguments: { file_path: `part-${subtask}.md`, content: `part ${subtask}\n` } },
          ],
        }
      );
    }),
  });
});

// Each test has its own machines: none of them may claim the next test's runs.
afterEach(async () => {
  for (const child of workers.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
});

afterAll(async () => {
  await llm?.close();
  await db?.drop();
});

/** A team whose project is `source` (a path, or a file:// URL), a GLM profile and a task. */
async function taskOn(source: { repoPath: string } | { gitUrl: string }) {
  const team = await db.prisma.team.create({
    data: { name: 'Acme', slug: `acme-${Math.random().toString(36).slice(2, 8)}` },
  });
  const project = await db.prisma.project.create({
    data: { teamId: team.id, name: 'greeter', defaultBranch: 'main', ...source },
  });
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${llm.url}/v1`,
    secret: 'zai-no-disk-secret-0004',
  });
  const glm = { provider: 'zai', model: 'glm-4.7' };
  const profile = await createProfile(db.prisma, team.id, 'GLM', {
    spec: glm,
    planning: glm,
    coding: glm,
    qa: glm,
  });
  coderCalls.clear();
  return createTask(db.prisma, {
    teamId: team.id,
    projectId: project.id,
    profileId: profile.id,
    title: 'Write three parts',
  });
}

/**
 * Deletes the delivered branch from the project, objects included (a local clone copies every
 * object file, unreachable ones too): the next worker can only get those commits from the store.
 */
function forgetBranch(repo: string, branch: string): void {
  gitOutput(repo, 'branch', '-D', branch);
  gitOutput(repo, 'reflog', 'expire', '--expire=now', '--all');
  gitOutput(repo, 'gc', '--quiet', '--prune=now');
}

/** The subjects of the task branch's commits on top of main, oldest first, in `repo`. */
function subtaskCommits(repo: string, branch: string): string[] {
  return gitOutput(repo, 'log', '--reverse', '--format=%s', `main..${branch}`).trim().split('\n');
}

describe('workers that share no disk', () => {
  it('build one branch with every phase’s work when the second worker, sharing no disk with the first, takes over', async () => {
    const repo = makeRepository();
    const mainBefore = gitOutput(repo, 'rev-parse', 'main');
    const machineA = mkdtempSync(join(tmpdir(), 'switchyard-machine-a-'));
    const machineB = mkdtempSync(join(tmpdir(), 'switchyard-machine-b-'));
    const first = startWorkerProcess('machine-a', machineA);
    // When the second subtask starts on machine A, A is told to stop: it finishes that phase and exits.
    onCoderCall = (subtask, call) => {
      if (subtask === '2' && call === 1) first.kill('SIGTERM');
      return undefined;
    };
    const task = await taskOn({ repoPath: repo });
    await exited(first);

    const branch = `switchyard/${task.id}`;
    expect(subtaskCommits(repo, branch)).toEqual([
      'switchyard: subtask 1: Write part-1.md',
      'switchyard: subtask 2: Write part-2.md',
    ]);
    // Machine A is gone, disk and all; so is the branch it delivered.
    rmSync(machineA, { recursive: true, force: true });
    forgetBranch(repo, branch);
    startWorkerProcess('machine-b', machineB);

    const done = await waitForTask(db.prisma, task.id, ['done', 'blocked', 'failed', 'needs_human'], 60_000);

    expect(done).toMatchObject({ status: 'done', deliveredTo: repo, deliveryError: null });
    expect(subtaskCommits(repo, branch)).toEqual([
      'switchyard: subtask 1: Write part-1.md',
      'switchyard: subtask 2: Write part-2.md',
      'switchyard: subtask 3: Write part-3.md',
    ]);
    expect(gitOutput(repo, 'show', `${branch}:part-1.md`)).toBe('part 1\n');
    expect(gitOutput(repo, 'rev-parse', branch).trim()).toBe(done.branchHead);
    expect(gitOutput(repo, 'rev-parse', 'main')).toBe(mainBefore);
    expect(existsSync(machineA)).toBe(false);
    expect(existsSync(join(machineB, 'worktrees', task.id, 'part-1.md'))).toBe(true);
    // Two landings on machine A, one on B: three bundles, each starting where the last ended.
    const bundles = await db.prisma.taskBranchBundle.findMany({
      where: { taskId: task.id },
      orderBy: { seq: 'asc' },
    });
    expect(bundles.map((b) => b.seq)).toEqual([1, 2, 3]);
    expect(bundles[0]!.fromCommit).toBe(done.baseCommit);
    expect(bundles[1]!.fromCommit).toBe(bundles[0]!.toCommit);
    expect(bundles[2]!.fromCommit).toBe(bundles[1]!.toCommit);
    expect(bundles[2]!.toCommit).toBe(done.branchHead);
  }, 150_000);

  it('resume on a second worker sharing no disk after the first is SIGKILLed mid-phase, losing nothing committed before', async () => {
    // The project is given by a git URL: the branch is pushed there.
    const remote = makeRepository();
    const machineA = mkdtempSync(join(tmpdir(), 'switchyard-machine-a-'));
    const machineB = mkdtempSync(join(tmpdir(), 'switchyard-machine-b-'));
    let hung = false;
    // The second subtask's first attempt never gets an answer: machine A is killed there.
    onCoderCall = (subtask, call) => {
      if (subtask !== '2' || call !== 1) return undefined;
      hung = true;
      return { kind: 'reply', text: 'Working on it', hang: true };
    };
    const first = startWorkerProcess('machine-a', machineA);
    const task = await taskOn({ gitUrl: `file://${remote}` });
    await until('the second subtask on machine A', () => hung);
    first.kill('SIGKILL');
    await exited(first);
    const branch = `switchyard/${task.id}`;
    expect(subtaskCommits(remote, branch)).toEqual(['switchyard: subtask 1: Write part-1.md']);
    rmSync(machineA, { recursive: true, force: true });
    forgetBranch(remote, branch);
    startWorkerProcess('machine-b', machineB);

    const done = await waitForTask(db.prisma, task.id, ['done', 'blocked', 'failed', 'needs_human'], 90_000);

    expect(done).toMatchObject({ status: 'done', deliveredTo: `file://${remote}`, deliveryError: null });
    expect(subtaskCommits(remote, branch)).toEqual([
      'switchyard: subtask 1: Write part-1.md',
      'switchyard: subtask 2: Write part-2.md',
      'switchyard: subtask 3: Write part-3.md',
    ]);
    const resumed = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: task.id, kind: 'coding.subtask', subtaskId: '2' },
    });
    expect(resumed).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(coderCalls.get('2')).toBe(2);
  }, 150_000);
});
