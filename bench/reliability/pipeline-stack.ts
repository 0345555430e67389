// The whole product minus the browser, for the reliability runs: a fresh database, one fake-llm
// speaking both wire protocols, a team whose profile plans on "Claude" (anthropic-messages) and codes
// on "GLM" (openai-chat), a real git repository, and real worker processes (apps/worker/src/main.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@switchyard/db/testing';
import { type FakeLlmServer, type FakeResponder, greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import {
  PIPELINE_WORKER,
  type SpawnedWorker,
  spawnWorker,
} from '../../apps/worker/test/support/spawn-worker';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  SECRET_KEY,
} from '../../tests/acceptance/support/fixtures';

export interface WorkerOptions {
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  /** WORKER_STREAM_IDLE_MS (default: the worker's). */
  streamIdleMs?: number;
}

export interface PipelineStack {
  db: TestDatabase;
  llm: FakeLlmServer;
  teamId: string;
  projectId: string;
  /** Spec, planning and QA on anthropic/sonnet; coding on zai/glm-4.7. */
  profileId: string;
  /** The project's repository (task branches are `switchyard/<task id>` in it). */
  repo: string;
  createTask(title: string, profileId?: string): Promise<string>;
  /** Another profile of the team (for runs that need a fallback or another provider). */
  createProfile(name: string, phases: Parameters<typeof createProfile>[3]): Promise<string>;
  startWorker(name: string, options: WorkerOptions): Promise<SpawnedWorker>;
  /** SIGTERM to every worker still alive, then the fake, the scratch folders and the database. */
  close(): Promise<void>;
}

export const CLAUDE = { provider: 'anthropic', model: 'sonnet' } as const;
export const GLM = { provider: 'zai', model: 'glm-4.7' } as const;

export async function startPipelineStack(
  serverUrl: string,
  prefix: string,
  responder: FakeResponder = greeterResponder,
): Promise<PipelineStack> {
  const db = await createTestDatabase(serverUrl, { prefix });
  const llm = await startFakeLlm({ responder, label: prefix });
  const scratch = mkdtempSync(join(tmpdir(), `switchyard-${prefix}-`));
  const repo = makeRepository();
  const { team, project } = await createTeamAndProject(db.prisma, repo);
  await addCredential(db.prisma, team.id, {
    provider: 'anthropic',
    protocol: 'anthropic-messages',
    baseUrl: llm.url,
    secret: 'sk-ant-reliability-0001',
  });
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${llm.url}/v1`,
    secret: 'zai-reliability-secret-0002',
  });
  const profile = await createProfile(db.prisma, team.id, 'Claude plans, GLM codes', {
    spec: CLAUDE,
    planning: CLAUDE,
    coding: GLM,
    qa: CLAUDE,
  });
  const workers: SpawnedWorker[] = [];

  return {
    db,
    llm,
    teamId: team.id,
    projectId: project.id,
    profileId: profile.id,
    repo,
    async createTask(title, profileId = profile.id) {
      const task = await createTask(db.prisma, { teamId: team.id, projectId: project.id, profileId, title });
      return task.id;
    },
    async createProfile(name, phases) {
      return (await createProfile(db.prisma, team.id, name, phases)).id;
    },
    async startWorker(name, options) {
      const worker = await spawnWorker(
        {
          DATABASE_URL: db.url,
          WORKER_ID: name,
          WORKER_LEASE_MS: String(options.leaseMs),
          WORKER_POLL_MS: String(options.pollMs),
          WORKER_CONCURRENCY: String(options.concurrency),
          WORKER_SHUTDOWN_GRACE_MS: '5000',
          ...(options.streamIdleMs ? { WORKER_STREAM_IDLE_MS: String(options.streamIdleMs) } : {}),
          SWITCHYARD_SECRET_KEY: SECRET_KEY.toString('base64'),
          SWITCHYARD_WORKTREES_DIR: join(scratch, 'worktrees'),
          // The bench's repository lives in the temporary folder.
          SWITCHYARD_PROJECT_ROOTS: tmpdir(),
        },
        PIPELINE_WORKER,
      );
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      await llm.close();
      await db.drop();
      rmSync(scratch, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    },
  };
}

/** True while the process has neither exited nor been killed. */
export const isAlive = (worker: SpawnedWorker): boolean =>
  worker.child.exitCode === null && worker.child.signalCode === null;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}
