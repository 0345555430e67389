import { decryptSecret } from '@switchyard/db/secrets';
import { seedBuiltinProfiles } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';
import { teamFixture } from './support/two-teams';

let db: TestDatabase;
let fake: FakeLlmServer;
let harness: ReturnType<typeof apiHarness>;
beforeAll(async () => {
  db = await freshDatabase();
  fake = await startFakeLlm({ script: { turns: [{ kind: 'reply', text: 'ok' }], repeatLast: true } });
  harness = apiHarness(db.prisma);
  await seedBuiltinProfiles(db.prisma);
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

describe('credentials', () => {
  it('tests a connection with the stored key, records the result, and never returns the secret', async () => {
    const owner = await harness.signUp('Tess');
    const api = await owner.api();
    const secret = 'zai-live-key-abcdefghijklmnop-7777';
    const responses: unknown[] = [];
    const keep = <T>(value: T) => {
      responses.push(value);
      return value;
    };

    const created = keep(
      await api.credentials.create({
        provider: 'Z.AI',
        label: 'Z.AI key',
        baseUrl: `${fake.url}/v1`,
        secret,
      }),
    );
    expect(created).toMatchObject({
      provider: 'zai',
      protocol: 'openai-chat',
      masked: '…7777',
      isDefault: true,
    });
    const tested = keep(await api.credentials.test({ id: created.id, model: 'glm-4.7' }));
    expect(tested.check).toMatchObject({ ok: true, provider: 'zai', model: 'glm-4.7', error: null });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(tested.credential.lastCheckedAt).toBeInstanceOf(Date);
    keep(await api.credentials.update({ id: created.id, label: 'renamed' }));
    keep(await api.credentials.list());
    keep(await api.routing.preview({ routing: { provider: 'zai' } }));
    const project = keep(await api.projects.create({ name: 'repo', repoPath: harness.repo('repo') }));
    const task = keep(
      await api.tasks.create({
        projectId: project.id,
        title: 't',
        description: 'd',
        routing: { provider: 'zai' },
      }),
    );
    keep(await api.tasks.get({ taskId: task.task.id }));
    keep(await api.tasks.list());
    keep(await api.overview.get());

    for (const response of responses) expect(JSON.stringify(response)).not.toContain(secret);
    const row = await db.prisma.providerCredential.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secretCiphertext).toMatch(/^v1\./);
    expect(decryptSecret(row.secretCiphertext, harness.secretKey)).toBe(secret);
  });

  it('keeps the last connection check through a rename, and forgets it with a new key or base URL', async () => {
    const api = await (await harness.signUp('Rae')).api();
    const created = await api.credentials.create({
      provider: 'zai',
      baseUrl: `${fake.url}/v1`,
      secret: 'zai-old-1234',
    });
    const checked = async () =>
      (await api.credentials.list()).find((c) => c.id === created.id)?.lastCheckResult ?? null;
    await api.credentials.test({ id: created.id, model: 'glm-4.7' });
    expect(await checked()).toMatchObject({ ok: true });

    await api.credentials.update({ id: created.id, label: 'renamed', baseUrl: `${fake.url}/v1` });
    expect(await checked()).toMatchObject({ ok: true });

    const rotated = await api.credentials.update({ id: created.id, secret: 'zai-new-5678' });
    expect(rotated).toMatchObject({ id: created.id, masked: '…5678', label: 'renamed' });
    expect(await checked()).toBeNull();

    await api.credentials.test({ id: created.id, model: 'glm-4.7' });
    await api.credentials.update({ id: created.id, baseUrl: `${fake.url}/v2` });
    expect(await checked()).toBeNull();

    // A test still running when a new key is saved does not label the new key with its result.
    const slow = await startFakeLlm({ script: { turns: [{ kind: 'reply', text: 'ok', delayMs: 700 }] } });
    try {
      await api.credentials.update({ id: created.id, baseUrl: `${slow.url}/v1` });
      const inFlight = api.credentials.test({ id: created.id, model: 'glm-4.7' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await api.credentials.update({ id: created.id, secret: 'zai-newer-9012' });
      expect((await inFlight).check).toMatchObject({ ok: true });
      expect(await checked()).toBeNull();
    } finally {
      await slow.close();
    }
  });

  it('keeps one default per provider, refuses an unknown provider without a base URL, and reports a failed probe', async () => {
    const owner = await harness.signUp('Dee');
    const api = await owner.api();
    const first = await api.credentials.create({ provider: 'openai', secret: 'sk-one-1111' });
    const second = await api.credentials.create({
      provider: 'openai',
      secret: 'sk-two-2222',
      isDefault: true,
    });
    const list = await api.credentials.list();
    expect(list.find((c) => c.id === first.id)?.isDefault).toBe(false);
    expect(list.find((c) => c.id === second.id)?.isDefault).toBe(true);

    await expect(api.credentials.create({ provider: 'skynet', secret: 'xxxx-1234' })).rejects.toThrow(
      /Unknown provider "skynet"\. Known providers: anthropic, zai, openai.*A custom provider needs a protocol and a base URL/,
    );
    const custom = await api.credentials.create({
      provider: 'gateway',
      protocol: 'openai-chat',
      baseUrl: 'http://127.0.0.1:1/v1',
      secret: 'gw-secret-3333',
    });
    const failed = await api.credentials.test({ id: custom.id, model: 'any' });
    expect(failed.check.ok).toBe(false);
    expect(failed.check.error?.class).toBe('network');
    expect(JSON.stringify(failed)).not.toContain('gw-secret-3333');
  });

  it('no procedure answer of a whole team fixture contains its secret', async () => {
    const team = await teamFixture(db.prisma, harness, 'Sierra');
    const api = await team.owner.api();
    const answers = await Promise.all([
      api.credentials.list(),
      api.profiles.list(),
      api.profiles.get({ id: team.profileId }),
      api.tasks.get({ taskId: team.taskId }),
      api.tasks.events({ taskId: team.taskId }),
      api.routing.preview({ profileId: team.profileId, routing: {} }),
      api.teams.current(),
      api.teams.members(),
      api.apiKeys.list(),
    ]);
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(team.secret);
  });
});
