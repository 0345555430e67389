import { pathToFileURL } from 'node:url';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  waitForTask,
} from './support/fixtures';
import { startWorker } from './support/worker';

// A task whose setup cannot work stops at once with what to fix, instead of retrying or hanging.
let db: TestDatabase;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  db = await freshDatabase();
  worker = await startWorker(db.url, { env: {} });
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

const glm = { provider: 'zai', model: 'glm-4.7' };
const ollama = { provider: 'ollama', model: 'llama3' };

/** A task on a local-model profile (no key needed), run until it settles. */
async function runOfflineTask(teamId: string, projectId: string, title: string) {
  const profile = await createProfile(db.prisma, teamId, `Offline ${title}`, {
    spec: ollama,
    planning: ollama,
    coding: ollama,
    qa: ollama,
  });
  const task = await createTask(db.prisma, { teamId, projectId, profileId: profile.id, title });
  return { task, done: await waitForTask(db.prisma, task.id, ['blocked', 'failed', 'done']) };
}

describe('a task that cannot run', () => {
  it('is blocked with the exact message when its provider has no key anywhere', async () => {
    const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
    const profile = await createProfile(db.prisma, team.id, 'GLM', {
      spec: glm,
      planning: glm,
      coding: glm,
      qa: glm,
    });
    const task = await createTask(db.prisma, {
      teamId: team.id,
      projectId: project.id,
      profileId: profile.id,
      title: 'No key',
    });

    const done = await waitForTask(db.prisma, task.id, ['blocked', 'failed', 'done']);

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toBe(
      'Phase "spec" routes to Z.AI (glm-4.7) but no Z.AI API key was found. Add one in Settings → Integrations → Z.AI, or set ZAI_API_KEY (also read: ZHIPUAI_API_KEY, GLM_API_KEY) on the worker.',
    );
  });

  it("is blocked when its project's repository is missing on the worker", async () => {
    const { team, project } = await createTeamAndProject(db.prisma, '/nonexistent/greeter');
    const { done } = await runOfflineTask(team.id, project.id, 'No repo');

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toBe(
      'Project "greeter" points at /nonexistent/greeter, which does not exist on this worker. Fix the project\'s repository path, or run the worker on the machine that has it.',
    );
  });

  it.each([
    [
      'outside the folders projects may come from',
      async () => ({ repoPath: '/' }),
      /\/ is outside the folders projects may come from/,
    ],
    [
      "in another team's repository",
      async () => {
        const repo = makeRepository();
        await createTeamAndProject(db.prisma, repo);
        return { repoPath: repo };
      },
      /is a repository another team's project uses/,
    ],
    [
      "with a file:// git URL at another team's repository",
      async () => {
        const repo = makeRepository();
        await createTeamAndProject(db.prisma, repo);
        return { repoPath: null, gitUrl: pathToFileURL(repo).href };
      },
      /is a repository another team's project uses/,
    ],
  ])('is blocked when its project row was edited to point %s', async (_name, place, reason) => {
    const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
    // What the API would refuse, written straight into the database: the worker checks again.
    await db.prisma.project.update({ where: { id: project.id }, data: await place() });
    const { task, done } = await runOfflineTask(team.id, project.id, 'Widened');

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toMatch(/^Project "greeter" may not be used on this worker: /);
    expect(done.statusReason).toMatch(reason);
    expect(done.statusReason).toMatch(/the operator adds a folder with SWITCHYARD_PROJECT_ROOTS/);
    expect(await db.prisma.phaseRun.count({ where: { taskId: task.id, status: 'succeeded' } })).toBe(0);
  });

  it('is blocked, naming the field, when its stored profile is not valid', async () => {
    const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
    const profile = await db.prisma.agentProfile.create({
      data: { teamId: team.id, name: 'Broken', phases: { spec: { provider: 'zai' } } },
    });
    const task = await createTask(db.prisma, {
      teamId: team.id,
      projectId: project.id,
      profileId: profile.id,
      title: 'Bad profile',
    });

    const done = await waitForTask(db.prisma, task.id, ['blocked', 'failed', 'done']);

    expect(done.status).toBe('blocked');
    expect(done.statusReason).toMatch(/^The stored profile "Broken" is not valid: .*phases/s);
    expect(done.statusReason).toMatch(/Fix it, then retry the phase\.$/);
  });
});
