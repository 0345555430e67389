import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import {
  type FakeLlmServer,
  greeterResponder,
  type RecordedRequest,
  startFakeLlm,
} from '@switchyard/fake-llm';
import { type KeyChoiceRecord, PhaseRoutingSchema } from '@switchyard/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  waitForTask,
} from './support/fixtures';
import { startWorker } from './support/worker';

// Issue 16: a team's Z.AI keys form a pool. A key that hits its usage limit rests until the time
// Z.AI states, in PostgreSQL, so no worker uses it before then; the next key serves the same phase.

const RESET_UTC = '2026-12-07T14:05:00.000Z';
// Z.AI states resets in Beijing time without a zone: 22:05 there is 14:05 UTC.
const USAGE_LIMIT = {
  kind: 'error' as const,
  status: 429,
  body: {
    error: {
      code: '1308',
      message: 'Usage limit reached for 5 hour. Your limit will reset at 2026-12-07 22:05:00',
    },
  },
};
const SECRETS = { main: 'zai-pool-key-main-0001', backup: 'zai-pool-key-backup-0002' };
const keyOf = (req: RecordedRequest) => req.headers.authorization?.replace(/^Bearer /, '');

/** The workers' clock for keys: the test moves it, and a wait for a reset moves it instead of sleeping. */
const clock = {
  at: new Date('2026-12-07T13:00:00Z').getTime(),
  now: () => new Date(clock.at),
  sleeps: [] as number[],
  sleep: async (ms: number) => {
    clock.sleeps.push(ms);
    clock.at += ms;
  },
};

let db: TestDatabase;
let claude: FakeLlmServer;
let glm: FakeLlmServer;

beforeAll(async () => {
  db = await freshDatabase();
  claude = await startFakeLlm({ responder: greeterResponder, label: 'claude' });
  glm = await startFakeLlm({ label: 'glm' });
});
afterAll(async () => {
  await claude?.close();
  await glm?.close();
  await db?.drop();
});

const sonnet = { provider: 'anthropic', model: 'sonnet' };

/** A team whose Z.AI pool is two keys ("main" first), and a profile where GLM codes. */
async function teamWithPool(keyWaitMaxSeconds?: number) {
  const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
  await addCredential(db.prisma, team.id, {
    provider: 'anthropic',
    protocol: 'anthropic-messages',
    baseUrl: claude.url,
    secret: 'sk-ant-pool-0000',
  });
  const keys = {
    main: await addCredential(db.prisma, team.id, {
      provider: 'zai',
      label: 'main',
      position: 0,
      protocol: 'openai-chat',
      baseUrl: `${glm.url}/api/coding/paas/v4`,
      secret: SECRETS.main,
    }),
    backup: await addCredential(db.prisma, team.id, {
      provider: 'zai',
      label: 'backup',
      position: 1,
      protocol: 'openai-chat',
      baseUrl: `${glm.url}/api/coding/paas/v4`,
      secret: SECRETS.backup,
    }),
  };
  const profile = await createProfile(db.prisma, team.id, 'GLM codes from a pool', {
    spec: sonnet,
    planning: sonnet,
    coding: { provider: 'zai', model: 'glm-4.7' },
    qa: sonnet,
  });
  if (keyWaitMaxSeconds !== undefined)
    await db.prisma.agentProfile.update({ where: { id: profile.id }, data: { keyWaitMaxSeconds } });
  const task = (title: string) =>
    createTask(db.prisma, { teamId: team.id, projectId: project.id, profileId: profile.id, title });
  return { keys, task };
}

async function codingKeys(taskId: string): Promise<KeyChoiceRecord[]> {
  const runs = await db.prisma.phaseRun.findMany({
    where: { taskId, phase: 'coding' },
    orderBy: { createdAt: 'asc' },
  });
  return runs.flatMap((run) => PhaseRoutingSchema.parse(run.routingDecision).keys);
}

describe('a pool of Z.AI keys shared by workers', () => {
  it('finishes the phase on the second key when the first hits its limit, and no worker uses the first before its reset', async () => {
    const { keys, task } = await teamWithPool();
    glm.reset();
    glm.setResponder((req) => (keyOf(req) === SECRETS.main ? USAGE_LIMIT : greeterResponder(req)));

    // Worker A meets the limit.
    const workerA = await startWorker(db.url, { clock });
    const first = await task('Coded on the pool');
    const done = await waitForTask(db.prisma, first.id, ['done', 'blocked', 'failed']);
    await workerA.stop();

    expect(done.status).toBe('done');
    const used = glm.requests.map(keyOf);
    expect(used[0]).toBe(SECRETS.main);
    expect(used.slice(1).length).toBeGreaterThan(0);
    expect(used.slice(1).every((k) => k === SECRETS.backup)).toBe(true);
    // The rest is in PostgreSQL, until the time Z.AI stated.
    const state = await db.prisma.credentialState.findUniqueOrThrow({
      where: { credentialId: keys.main.id },
    });
    expect(state.restingUntil?.toISOString()).toBe(RESET_UTC);
    expect(state.restKind).toBe('quota_exhausted');
    expect(state.restReason).toMatch(/^1308: Usage limit reached for 5 hour/);
    expect(state.restUntilFrom).toBe('the message');
    // The run's routing decision says which key served and why.
    const choices = await codingKeys(first.id);
    expect(choices.map((c) => [c.kind, c.label])).toEqual([
      ['chosen', 'main'],
      ['switched', 'backup'],
    ]);
    expect(choices[1]?.reason).toContain('"main" rests until 14:05 UTC (1308 usage limit, the message)');
    // So do the task's events.
    const logged = await db.prisma.phaseEvent.findMany({
      where: { phaseRun: { taskId: first.id }, type: 'log' },
    });
    expect(logged.some((e) => JSON.stringify(e.payload).includes('"main\\" rests until 14:05 UTC'))).toBe(
      true,
    );

    // Worker B, sharing nothing with A but the database, never sends the resting key.
    glm.reset();
    const workerB = await startWorker(db.url, { clock });
    clock.at += 30 * 60_000; // 13:30 UTC
    const second = await task('Coded while main rests');
    expect((await waitForTask(db.prisma, second.id, ['done', 'blocked', 'failed'])).status).toBe('done');
    expect(glm.requests.length).toBeGreaterThan(0);
    expect(glm.requests.map(keyOf).filter((k) => k === SECRETS.main)).toEqual([]);

    // After the reset, the first key serves again (pool order).
    glm.reset();
    glm.setResponder(greeterResponder);
    clock.at = new Date('2026-12-07T14:06:00Z').getTime();
    const third = await task('Coded after the reset');
    expect((await waitForTask(db.prisma, third.id, ['done', 'blocked', 'failed'])).status).toBe('done');
    await workerB.stop();
    expect(new Set(glm.requests.map(keyOf))).toEqual(new Set([SECRETS.main]));
  });

  it('blocks with the reset time when every key rests beyond the profile wait limit, and waits when it is within', async () => {
    clock.at = new Date('2026-12-07T13:00:00Z').getTime();
    clock.sleeps = [];
    glm.reset();
    // Both keys are limited until 14:05 UTC, by the clock the workers read.
    glm.setResponder((req) => (clock.at < Date.parse(RESET_UTC) ? USAGE_LIMIT : greeterResponder(req)));
    const worker = await startWorker(db.url, { clock });
    try {
      const blocked = await teamWithPool();
      const task = await blocked.task('Both keys out');
      const stopped = await waitForTask(db.prisma, task.id, ['done', 'blocked', 'failed']);
      expect(stopped.status).toBe('blocked');
      expect(stopped.statusReason).toContain(
        'Z.AI keys all rest until 14:05 UTC (1308 usage limit): add a key or a fallback',
      );
      expect(clock.sleeps).toEqual([]);

      // A profile that accepts waiting 2 hours waits for 14:05 and then finishes on the first key.
      glm.reset();
      const patient = await teamWithPool(2 * 3600);
      const waited = await patient.task('Waits for the reset');
      expect((await waitForTask(db.prisma, waited.id, ['done', 'blocked', 'failed'])).status).toBe('done');
      expect(clock.sleeps).toEqual([65 * 60_000]);
      const choices = await codingKeys(waited.id);
      expect(choices.map((c) => c.kind)).toEqual(['chosen', 'switched', 'waited', 'switched']);
      expect(choices[2]?.reason).toContain(
        'Z.AI keys all rest until 14:05 UTC (1308 usage limit): waiting 3900 s',
      );
      expect(glm.requests.map(keyOf)).toEqual([
        SECRETS.main,
        SECRETS.backup,
        ...glm.requests.slice(2).map(() => SECRETS.main),
      ]);
    } finally {
      await worker.stop();
    }
  });

  it('moves to the next key before the limit when the first reports less than the reserve left', async () => {
    clock.at = new Date('2026-12-07T13:00:00Z').getTime();
    glm.reset();
    // Key main answers, but says 2 of its 100 requests are left this minute (2% < the 5% reserve).
    glm.setResponder(async (req) => {
      const turn = await greeterResponder(req);
      return keyOf(req) === SECRETS.main && turn.kind === 'reply'
        ? {
            ...turn,
            headers: {
              'x-ratelimit-limit-requests': '100',
              'x-ratelimit-remaining-requests': '2',
              'x-ratelimit-reset-requests': '10m0s',
            },
          }
        : turn;
    });
    const worker = await startWorker(db.url, { clock });
    try {
      const { keys, task } = await teamWithPool();
      const done = await waitForTask(db.prisma, (await task('Spread over the pool')).id, [
        'done',
        'blocked',
        'failed',
      ]);
      expect(done.status).toBe('done');
      const used = glm.requests.map(keyOf);
      expect(used[0]).toBe(SECRETS.main);
      expect(used.slice(1).length).toBeGreaterThan(0);
      expect(used.slice(1).every((k) => k === SECRETS.backup)).toBe(true);
      const state = await db.prisma.credentialState.findUniqueOrThrow({
        where: { credentialId: keys.main.id },
      });
      expect(state).toMatchObject({ requestsLimit: 100, requestsRemaining: 2, restingSince: null });
      expect(state.requestsResetAt?.toISOString()).toBe('2026-12-07T13:10:00.000Z');
      const choices = await codingKeys(done.id);
      expect(choices[1]).toMatchObject({ kind: 'switched', label: 'backup' });
      expect(choices[1]?.reason).toContain('"main" has 2% left (reserve 5%)');
    } finally {
      await worker.stop();
    }
  });
});
