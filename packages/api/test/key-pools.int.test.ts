import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';
import { teamFixture } from './support/two-teams';

let db: TestDatabase;
let harness: ReturnType<typeof apiHarness>;
beforeAll(async () => {
  db = await freshDatabase();
  harness = apiHarness(db.prisma);
});
afterAll(() => db?.drop());

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The zod issues of a refused input, as `field: message` (what the CLI and the forms show). */
function issues(error: TRPCError): string[] {
  const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
  return (cause?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('key pools: credentials', () => {
  it('stores position and weight, and lists each provider pool in order: default, position, creation', async () => {
    const api = await (await harness.signUp('Pool')).api();
    const first = await api.credentials.create({ provider: 'zai', label: 'first', secret: 'zai-key-0001' });
    const later = await api.credentials.create({
      provider: 'zai',
      label: 'later',
      secret: 'zai-key-0002',
      position: 5,
      weight: 3,
    });
    const early = await api.credentials.create({
      provider: 'zai',
      label: 'early',
      secret: 'zai-key-0003',
      position: 1,
    });
    expect(first).toMatchObject({ isDefault: true, position: 0, weight: 1, rest: null, quota: null });
    expect(later).toMatchObject({ isDefault: false, position: 5, weight: 3, rest: null, quota: null });

    expect((await api.credentials.list()).map((c) => c.label)).toEqual(['first', 'early', 'later']);
    // The default comes first whatever its position.
    await api.credentials.update({ id: first.id, position: 9 });
    await api.credentials.update({ id: later.id, position: 0, weight: 2 });
    const listed = await api.credentials.list();
    expect(listed.map((c) => [c.label, c.position, c.weight])).toEqual([
      ['first', 9, 1],
      ['later', 0, 2],
      ['early', 1, 1],
    ]);
    const { providers } = await api.providers.list();
    const zai = providers.find((p) => p.id === 'zai');
    expect(zai?.pool.map((c) => [c.label, c.masked, c.position, c.weight, c.isDefault])).toEqual([
      ['first', '…0001', 9, 1, true],
      ['later', '…0002', 0, 2, false],
      ['early', '…0003', 1, 1, false],
    ]);
    expect(JSON.stringify(providers)).not.toMatch(/zai-key-000/);
    expect(early.id).toBeTruthy();
  });

  it('refuses a position or weight out of range, naming the field, and stores nothing', async () => {
    const api = await (await harness.signUp('Bounds')).api();
    const created = await api.credentials.create({ provider: 'openai', secret: 'sk-bounds-0001' });
    const cases: [unknown, string][] = [
      [{ position: -1 }, 'position: position must be a whole number from 0 to 1000.'],
      [{ position: 1001 }, 'position: position must be a whole number from 0 to 1000.'],
      [{ position: 1.5 }, 'position: position must be a whole number from 0 to 1000.'],
      [{ weight: 0 }, 'weight: weight must be a whole number from 1 to 100.'],
      [{ weight: 101 }, 'weight: weight must be a whole number from 1 to 100.'],
      [{ weight: '2' }, 'weight: weight must be a whole number from 1 to 100.'],
    ];
    for (const [change, message] of cases) {
      const onUpdate = await refusal(
        api.credentials.update({ id: created.id, ...(change as object) } as { id: string }),
      );
      expect(onUpdate.code).toBe('BAD_REQUEST');
      expect(issues(onUpdate)).toEqual([message]);
      const onCreate = await refusal(
        api.credentials.create({ provider: 'openai', secret: 'sk-bounds-0002', ...(change as object) }),
      );
      expect(issues(onCreate)).toEqual([message]);
    }
    expect(await api.credentials.list()).toMatchObject([{ id: created.id, position: 0, weight: 1 }]);
  });

  it('shows a rest only while it lasts, with why and until when, in credentials.list and providers.list', async () => {
    const api = await (await harness.signUp('Rest')).api();
    const limited = await api.credentials.create({
      provider: 'zai',
      label: 'limited',
      secret: 'zai-rest-0001',
    });
    const broke = await api.credentials.create({ provider: 'zai', label: 'broke', secret: 'zai-rest-0002' });
    const over = await api.credentials.create({ provider: 'zai', label: 'over', secret: 'zai-rest-0003' });
    const until = minutes(30);
    const observedAt = minutes(-1);
    await db.prisma.credentialState.createMany({
      data: [
        {
          credentialId: limited.id,
          restingSince: minutes(-2),
          restingUntil: until,
          restKind: 'rate_limited',
          restReason: '1302: Rate limit reached for requests',
          restUntilFrom: 'retry-after header',
          requestsLimit: 600,
          requestsRemaining: 0,
          requestsResetAt: until,
          tokensLimit: 1_000_000,
          tokensRemaining: 12_000,
          tokensResetAt: until,
          observedAt,
        },
        {
          credentialId: broke.id,
          restingSince: minutes(-5),
          restingUntil: null,
          restKind: 'no_balance',
          restReason: '1113: Insufficient balance or no resource package',
        },
        // A rest that has ended: the credential serves again.
        {
          credentialId: over.id,
          restingSince: minutes(-90),
          restingUntil: minutes(-30),
          restKind: 'quota_exhausted',
          restReason: 'old',
        },
      ],
    });

    const byLabel = Object.fromEntries((await api.credentials.list()).map((c) => [c.label, c]));
    expect(byLabel.limited?.rest).toEqual({
      since: expect.any(Date),
      until,
      kind: 'rate_limited',
      reason: '1302: Rate limit reached for requests',
      untilFrom: 'retry-after header',
    });
    expect(byLabel.limited?.quota).toEqual({
      requests: { limit: 600, remaining: 0, resetAt: until },
      tokens: { limit: 1_000_000, remaining: 12_000, resetAt: until },
      observedAt,
    });
    expect(byLabel.broke?.rest).toMatchObject({ until: null, kind: 'no_balance' });
    expect(byLabel.broke?.quota).toBeNull();
    expect(byLabel.over?.rest).toBeNull();

    const zai = (await api.providers.list()).providers.find((p) => p.id === 'zai')!;
    const pool = Object.fromEntries(zai.pool.map((c) => [c.label, c]));
    expect(pool.limited?.rest).toMatchObject({ until, kind: 'rate_limited' });
    expect(pool.limited?.quota?.requests).toEqual({ limit: 600, remaining: 0, resetAt: until });
    expect(pool.broke?.rest).toMatchObject({ until: null, kind: 'no_balance' });
    expect(pool.over?.rest).toBeNull();
  });

  it('ends a rest "until edited" on any edit, keeps the reported capacity unless the key changed', async () => {
    const api = await (await harness.signUp('Edit')).api();
    const a = await api.credentials.create({ provider: 'deepseek', label: 'a', secret: 'ds-edit-0001' });
    const b = await api.credentials.create({ provider: 'deepseek', label: 'b', secret: 'ds-edit-0002' });
    const rest = {
      restingSince: minutes(-1),
      restingUntil: null,
      restKind: 'no_balance',
      restReason: 'Insufficient Balance',
    };
    const quota = { requestsLimit: 100, requestsRemaining: 40, observedAt: minutes(-1) };
    await db.prisma.credentialState.createMany({
      data: [
        { credentialId: a.id, ...rest, ...quota },
        { credentialId: b.id, ...rest, ...quota },
      ],
    });

    // An update without changes is not an edit.
    expect((await api.credentials.update({ id: a.id })).rest).toMatchObject({ kind: 'no_balance' });

    const renamed = await api.credentials.update({ id: a.id, weight: 2 });
    expect(renamed.rest).toBeNull();
    expect(renamed.quota?.requests).toEqual({ limit: 100, remaining: 40, resetAt: null });

    const rotated = await api.credentials.update({ id: b.id, secret: 'ds-topped-up-0003' });
    expect(rotated).toMatchObject({ masked: '…0003', rest: null, quota: null });
    expect((await api.credentials.list()).map((c) => [c.label, c.rest])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('keeps a timed rest through a rename or a reordering, ends it with a new secret, URL or protocol', async () => {
    const api = await (await harness.signUp('Timed')).api();
    const c = await api.credentials.create({ provider: 'zai', label: 'plan', secret: 'zai-timed-0001' });
    await db.prisma.credentialState.create({
      data: {
        credentialId: c.id,
        restingSince: minutes(-1),
        restingUntil: minutes(60),
        restKind: 'quota_exhausted',
        restReason: '1308: Usage limit reached for 5 hour',
      },
    });

    expect((await api.credentials.update({ id: c.id, label: 'plan A', position: 3 })).rest).toMatchObject({
      kind: 'quota_exhausted',
    });
    expect((await api.credentials.update({ id: c.id, isDefault: true })).rest).toMatchObject({
      kind: 'quota_exhausted',
    });
    expect(
      (await api.credentials.update({ id: c.id, baseUrl: 'https://api.z.ai/api/coding/paas/v4' })).rest,
    ).toBeNull();
  });

  it('clearRest ends a rest for an admin, keeps the capacity, refuses a member and another team', async () => {
    const alpha = await teamFixture(db.prisma, harness, 'ClearA');
    const bravo = await teamFixture(db.prisma, harness, 'ClearB');
    for (const id of [alpha.credentialId, bravo.credentialId])
      await db.prisma.credentialState.create({
        data: {
          credentialId: id,
          restingSince: minutes(-1),
          restingUntil: minutes(60),
          restKind: 'quota_exhausted',
          restReason: 'Usage limit reached for 5 hour',
          tokensLimit: 5000,
          tokensRemaining: 0,
          observedAt: minutes(-1),
        },
      });
    const owner = await alpha.owner.api();
    const member = await alpha.member.api();
    const viewer = await alpha.viewer.api();

    expect((await refusal(member.credentials.clearRest({ id: alpha.credentialId }))).code).toBe('FORBIDDEN');
    expect((await refusal(viewer.credentials.clearRest({ id: alpha.credentialId }))).code).toBe('FORBIDDEN');
    expect((await refusal(owner.credentials.clearRest({ id: bravo.credentialId }))).code).toBe('NOT_FOUND');
    expect((await member.credentials.list())[0]?.rest).toMatchObject({ kind: 'quota_exhausted' });

    const cleared = await owner.credentials.clearRest({ id: alpha.credentialId });
    expect(cleared).toMatchObject({ id: alpha.credentialId, rest: null });
    expect(cleared.quota?.tokens).toEqual({ limit: 5000, remaining: 0, resetAt: null });
    expect(JSON.stringify(cleared)).not.toContain(alpha.secret);
    expect((await member.credentials.list())[0]?.rest).toBeNull();
    // Team B's credential still rests.
    expect((await (await bravo.owner.api()).credentials.list())[0]?.rest).toMatchObject({
      kind: 'quota_exhausted',
    });
    // Clearing a credential that never rested is harmless.
    const fresh = await owner.credentials.create({ provider: 'openai', secret: 'sk-never-rested-0001' });
    expect(await owner.credentials.clearRest({ id: fresh.id })).toMatchObject({ rest: null, quota: null });
  });
});

describe('key pools: profile key policy', () => {
  it('round-trips keyWaitMaxSeconds and keyReservePercent, defaulting to 300 s and 5 %', async () => {
    const api = await (await harness.signUp('Policy')).api();
    const plain = await api.profiles.create({ name: 'plain', phases: {} });
    expect(plain).toMatchObject({ keyWaitMaxSeconds: 300, keyReservePercent: 5 });

    const tuned = await api.profiles.create({
      name: 'tuned',
      phases: { coding: { provider: 'zai', model: 'glm-4.7', thinking: 'none' } },
      keyWaitMaxSeconds: 0,
      keyReservePercent: 20,
    });
    expect(tuned).toMatchObject({ keyWaitMaxSeconds: 0, keyReservePercent: 20 });
    expect(await api.profiles.get({ id: tuned.id })).toMatchObject({
      keyWaitMaxSeconds: 0,
      keyReservePercent: 20,
    });

    const updated = await api.profiles.update({
      id: tuned.id,
      profile: { name: 'tuned', phases: {}, keyWaitMaxSeconds: 86400, keyReservePercent: 50 },
    });
    expect(updated).toMatchObject({ keyWaitMaxSeconds: 86400, keyReservePercent: 50 });
    // Omitted on update: unchanged.
    const renamed = await api.profiles.update({ id: tuned.id, profile: { name: 'renamed', phases: {} } });
    expect(renamed).toMatchObject({ keyWaitMaxSeconds: 86400, keyReservePercent: 50 });
    const listed = (await api.profiles.list()).find((p) => p.id === tuned.id);
    expect(listed).toMatchObject({ name: 'renamed', keyWaitMaxSeconds: 86400, keyReservePercent: 50 });
    const copy = await api.profiles.duplicate({ id: tuned.id });
    expect(copy).toMatchObject({ keyWaitMaxSeconds: 86400, keyReservePercent: 50 });
  });

  it('refuses out-of-range values with messages naming the field', async () => {
    const api = await (await harness.signUp('PolicyBounds')).api();
    const cases: [Record<string, unknown>, string][] = [
      [
        { keyWaitMaxSeconds: -1 },
        'keyWaitMaxSeconds: keyWaitMaxSeconds must be a whole number from 0 to 86400.',
      ],
      [
        { keyWaitMaxSeconds: 86401 },
        'keyWaitMaxSeconds: keyWaitMaxSeconds must be a whole number from 0 to 86400.',
      ],
      [
        { keyWaitMaxSeconds: 2.5 },
        'keyWaitMaxSeconds: keyWaitMaxSeconds must be a whole number from 0 to 86400.',
      ],
      [
        { keyReservePercent: 51 },
        'keyReservePercent: keyReservePercent must be a whole number from 0 to 50.',
      ],
      [
        { keyReservePercent: -5 },
        'keyReservePercent: keyReservePercent must be a whole number from 0 to 50.',
      ],
    ];
    const existing = await api.profiles.create({ name: 'existing', phases: {} });
    for (const [fields, message] of cases) {
      const onCreate = await refusal(api.profiles.create({ name: 'bad', phases: {}, ...fields }));
      expect(onCreate.code).toBe('BAD_REQUEST');
      expect(issues(onCreate)).toEqual([message]);
      const onUpdate = await refusal(
        api.profiles.update({ id: existing.id, profile: { name: 'existing', phases: {}, ...fields } }),
      );
      expect(issues(onUpdate)).toEqual([`profile.${message}`]);
    }
    expect((await api.profiles.list()).filter((p) => !p.builtin).map((p) => p.name)).toEqual(['existing']);
  });

  it("passes the profile's key policy to routing (preview and a task's stored decision)", async () => {
    const api = await (await harness.signUp('PolicyRoute')).api();
    await api.credentials.create({ provider: 'zai', label: 'one', secret: 'zai-route-0001' });
    await api.credentials.create({
      provider: 'zai',
      label: 'two',
      secret: 'zai-route-0002',
      position: 2,
      weight: 4,
    });
    const profile = await api.profiles.create({
      name: 'pooled',
      phases: { spec: { provider: 'zai', model: 'glm-4.7', thinking: 'none' } },
      defaultProvider: 'zai',
      keyWaitMaxSeconds: 45,
      keyReservePercent: 12,
    });
    const preview = await api.routing.preview({ profileId: profile.id, routing: {} });
    expect(preview.phases.find((p) => p.phase === 'spec')?.credentialDescription).toBe(
      'team default credential "one" (…0001); pool of 2: "one", "two"',
    );
    const project = await api.projects.create({ name: 'pool-repo', repoPath: harness.repo('pool-repo') });
    const created = await api.tasks.create({
      projectId: project.id,
      title: 't',
      description: 'd',
      profileId: profile.id,
      routing: {},
    });
    const run = await db.prisma.phaseRun.findFirstOrThrow({
      where: { taskId: created.task.id, phase: 'spec' },
      select: { routingDecision: true },
    });
    const spec = run.routingDecision as Record<string, unknown>;
    expect(spec.keyPolicy).toEqual({ waitMaxSeconds: 45, reservePercent: 12 });
    expect(
      (spec.pool as { label: string; position: number; weight: number }[]).map((m) => [
        m.label,
        m.position,
        m.weight,
      ]),
    ).toEqual([
      ['one', 0, 1],
      ['two', 2, 4],
    ]);
  });
});
