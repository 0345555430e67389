import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.drop());

describe('providers.list', () => {
  it("lists built-in, operator and the team's own providers with models and the team's credentials", async () => {
    const harness = apiHarness(db.prisma, {
      env: { ANTHROPIC_API_KEY: 'from-env' },
      customProviders: [
        {
          id: 'company-gateway',
          label: 'Company gateway',
          protocol: 'openai-chat',
          baseUrl: 'http://gw.local/v1',
        },
      ],
    });
    const api = await (await harness.signUp('Pia')).api();
    await api.credentials.create({ provider: 'zai', secret: 'zai-key-0001' });
    await api.credentials.create({
      provider: 'my-vllm',
      protocol: 'openai-chat',
      secret: 'vllm-key-0002',
      baseUrl: 'http://vllm.local/v1',
    });

    const { providers, modelAliases } = await api.providers.list();
    const byId = Object.fromEntries(providers.map((p) => [p.id, p]));

    expect(byId.anthropic).toMatchObject({
      source: 'builtin',
      protocol: 'anthropic-messages',
      credentials: 0,
      envKeySet: true,
      keyEnvNames: expect.arrayContaining(['ANTHROPIC_API_KEY']),
    });
    expect(byId.anthropic?.models.some((m) => m.startsWith('claude-'))).toBe(true);
    expect(byId.zai).toMatchObject({
      source: 'builtin',
      credentials: 1,
      hasDefaultCredential: true,
      envKeySet: false,
    });
    expect(byId.zai?.models).toContain('glm-4.7');
    expect(byId['company-gateway']).toMatchObject({
      source: 'operator',
      label: 'Company gateway',
      models: [],
    });
    expect(byId['my-vllm']).toMatchObject({ source: 'team', credentials: 1, models: [] });
    expect(modelAliases).toEqual(expect.arrayContaining(['opus', 'sonnet', 'haiku']));
    // Names and counts only: no key reaches the answer.
    expect(JSON.stringify(providers)).not.toMatch(/zai-key-0001|vllm-key-0002|from-env/);
  });
});
