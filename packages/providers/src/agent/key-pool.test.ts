import { type FakeLlmServer, type FakeTurn, type RecordedRequest, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TeamCredential } from '../credentials/resolve';
import { memoryKeyStore } from '../keys/store';
import { resolveRoutingForPhase } from '../routing/resolve';
import type { AgentEvent } from './events';
import { runAgent } from './run-agent';

// A pool of Z.AI keys against the fake server: which key each request carried is the evidence.

let glm: FakeLlmServer;
let claude: FakeLlmServer;
beforeAll(async () => {
  glm = await startFakeLlm({ label: 'glm' });
  claude = await startFakeLlm({
    label: 'claude',
    script: { turns: [{ kind: 'reply', text: 'claude did it' }], repeatLast: true },
  });
});
afterAll(async () => {
  await glm.close();
  await claude.close();
});
beforeEach(() => {
  glm.reset();
  claude.reset();
});

const SECRETS: Record<string, string> = { main: 'zai-key-main', backup: 'zai-key-backup' };
const keyOf = (req: RecordedRequest) => req.headers.authorization?.replace(/^Bearer /, '');
const usedKeys = () => glm.requests.map(keyOf);

function credentials(): TeamCredential[] {
  return ['main', 'backup'].map((id, i) => ({
    id,
    provider: 'zai',
    label: id,
    protocol: 'openai-chat',
    baseUrl: `${glm.url}/api/paas/v4`,
    isDefault: false,
    position: i,
  }));
}

function routing(options: { fallback?: boolean; waitMaxSeconds?: number; pin?: string } = {}) {
  return resolveRoutingForPhase('coding', {
    profile: {
      phases: {
        coding: {
          provider: 'zai',
          model: 'glm-4.7',
          thinking: 'none',
          credentialId: options.pin ?? null,
          fallbacks: options.fallback ? [{ provider: 'anthropic', model: 'sonnet' }] : [],
        },
      },
      keyPolicy: { waitMaxSeconds: options.waitMaxSeconds ?? 300, reservePercent: 5 },
    },
    teamCredentials: credentials(),
    env: { ANTHROPIC_API_KEY: 'test-anthropic', ANTHROPIC_BASE_URL: claude.url },
  });
}

const usageLimit = (resetAt: string): FakeTurn => ({
  kind: 'error',
  status: 429,
  body: {
    error: { code: '1308', message: `Usage limit reached for 5 hour. Your limit will reset at ${resetAt}` },
  },
});
const ok: FakeTurn = { kind: 'reply', text: 'done' };

/** A clock the test moves; sleeping moves it too (no real waiting). */
function clock(start: string) {
  let now = new Date(start).getTime();
  const sleeps: number[] = [];
  return {
    now: () => new Date(now),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

function run(store: ReturnType<typeof memoryKeyStore>, c: ReturnType<typeof clock>, r = routing()) {
  const events: AgentEvent[] = [];
  return runAgent({
    routing: r,
    messages: [{ role: 'user', content: 'fix it' }],
    executeTool: async () => ({ content: '' }),
    getApiKey: (target, member) =>
      member ? SECRETS[member.credentialId] : target.credential.kind === 'env' ? 'test-anthropic' : undefined,
    keyStore: store,
    now: c.now,
    sleep: c.sleep,
    random: () => 0,
    onEvent: (e) => events.push(e),
  }).then((result) => ({ result, events }));
}

describe('a pool of keys for one provider', () => {
  it('serves the call with the second key when the first hits its usage limit, and rests the first until the stated reset', async () => {
    // 22:05 Beijing time is 14:05 UTC.
    glm.setResponder((req) => (keyOf(req) === SECRETS.main ? usageLimit('2026-12-07 22:05:00') : ok));
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    const { result, events } = await run(store, c);

    expect(result.status).toBe('completed');
    expect(result.finalText).toBe('done');
    expect(usedKeys()).toEqual([SECRETS.main, SECRETS.backup]);
    expect(store.states.get('main')?.restingUntil?.toISOString()).toBe('2026-12-07T14:05:00.000Z');
    expect(store.states.get('main')?.restKind).toBe('quota_exhausted');
    // The trace says which key served and why.
    expect(result.routing.keys.map((k) => [k.kind, k.label])).toEqual([
      ['chosen', 'main'],
      ['switched', 'backup'],
    ]);
    expect(result.routing.keys[1]?.reason).toMatch(
      /"main" rests until 14:05 UTC \(1308 usage limit, the message\)/,
    );
    expect(result.routing.attempts.map((a) => [a.credentialLabel, a.outcome])).toEqual([
      ['main', 'error'],
      ['backup', 'ok'],
    ]);
    expect(events.filter((e) => e.type === 'key')).toHaveLength(2);

    // Another session before 14:05 never sends the resting key; after it, the first key is back.
    glm.reset();
    c.advance(30 * 60_000);
    await run(store, c);
    expect(usedKeys()).toEqual([SECRETS.backup]);
    glm.reset();
    c.advance(40 * 60_000);
    glm.setResponder(() => ok);
    await run(store, c);
    expect(usedKeys()).toEqual([SECRETS.main]);
  });

  it('waits for the earliest reset when every key rests and it falls within the profile limit', async () => {
    let limited = true;
    glm.setResponder(() =>
      limited
        ? {
            kind: 'error',
            status: 429,
            headers: { 'retry-after': '90' },
            body: { error: { code: '1302', message: 'Rate limit reached for requests' } },
          }
        : ok,
    );
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');
    const sleep = c.sleep;
    c.sleep = async (ms) => {
      limited = false;
      await sleep(ms);
    };

    const { result } = await run(store, c);

    expect(result.status).toBe('completed');
    expect(usedKeys()).toEqual([SECRETS.main, SECRETS.backup, SECRETS.main]);
    expect(c.sleeps).toEqual([90_000]);
    expect(result.routing.keys.map((k) => k.kind)).toEqual(['chosen', 'switched', 'waited', 'switched']);
    expect(result.routing.keys[2]?.reason).toMatch(
      /Z\.AI keys all rest until 13:01 UTC \(1302 rate limit\): waiting 90 s \(limit 300 s\)/,
    );
  });

  it('follows the fallback chain when every key rests beyond the wait limit', async () => {
    glm.setResponder(() => usageLimit('2026-12-07 22:05:00'));
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    const { result } = await run(store, c, routing({ fallback: true }));

    expect(result.status).toBe('completed');
    expect(result.finalText).toBe('claude did it');
    expect(usedKeys()).toEqual([SECRETS.main, SECRETS.backup]);
    expect(c.sleeps).toEqual([]);
    expect(result.routing.hops[0]?.reason).toMatch(
      /Z\.AI keys all rest until 14:05 UTC \(1308 usage limit\)/,
    );
  });

  it('blocks with the reset time in the message when every key rests and there is no fallback', async () => {
    glm.setResponder(() => usageLimit('2026-12-07 22:05:00'));
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    const { result } = await run(store, c);

    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe(
      'Z.AI keys all rest until 14:05 UTC (1308 usage limit): add a key or a fallback',
    );
    expect(result.error?.resetAt).toBe('2026-12-07T14:05:00.000Z');
    // Each key was tried once; none twice.
    expect(usedKeys()).toEqual([SECRETS.main, SECRETS.backup]);
  });

  it('a key with no balance rests until it is edited, and a pinned key is the whole pool', async () => {
    glm.setResponder(() => ({
      kind: 'error',
      status: 429,
      body: {
        error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' },
      },
    }));
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    const { result } = await run(store, c, routing({ pin: 'backup' }));

    expect(usedKeys()).toEqual([SECRETS.backup]);
    expect(store.states.get('backup')?.restingUntil).toBeNull();
    expect(result.error?.message).toBe(
      'Z.AI key "backup" rests until the credential is edited (1113 no balance: Insufficient balance or no resource package. Please recharge.): top up the account and edit the credential, add a key, or add a fallback',
    );
  });

  it('moves to another key before the limit when a response reports less than the reserve left', async () => {
    glm.setResponder((req) =>
      keyOf(req) === SECRETS.main
        ? {
            ...ok,
            headers: {
              'x-ratelimit-limit-requests': '100',
              'x-ratelimit-remaining-requests': '3',
              'x-ratelimit-reset-requests': '1m0s',
            },
          }
        : ok,
    );
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    await run(store, c);
    const { result } = await run(store, c);

    expect(usedKeys()).toEqual([SECRETS.main, SECRETS.backup]);
    expect(store.states.get('main')?.limits?.requests).toMatchObject({ limit: 100, remaining: 3 });
    expect(result.routing.keys[0]?.reason).toContain('"main" has 3% left (reserve 5%)');
  });

  it('gives up on a pool that keeps answering limits with no stated reset, after a bounded number of rests', async () => {
    glm.setResponder(() => ({
      kind: 'error',
      status: 429,
      body: { error: { code: '1302', message: 'High concurrency usage of this API' } },
    }));
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');

    const { result } = await run(store, c, routing({ fallback: true }));

    // 8 rests in all (the retry policy's 4 attempts × 2 keys), backing off 1, 2, 4 … s; the next
    // limit moves the call to the fallback.
    expect(glm.requests).toHaveLength(9);
    expect(result.finalText).toBe('claude did it');
    expect(c.sleeps.every((ms) => ms <= 30_000)).toBe(true);
    expect(result.routing.hops[0]?.reason).toMatch(/^rate_limited: /);
  });

  it('goes on with the rest of the pool when a key is deleted while the phase runs', async () => {
    glm.setResponder(() => ok);
    const store = memoryKeyStore();
    const c = clock('2026-12-07T13:00:00Z');
    const events: AgentEvent[] = [];

    const result = await runAgent({
      routing: routing(),
      messages: [{ role: 'user', content: 'fix it' }],
      executeTool: async () => ({ content: '' }),
      // "main" was deleted after the run was queued: the worker finds no secret for it.
      getApiKey: (_target, m) => (m?.credentialId === 'main' ? undefined : m && SECRETS[m.credentialId]),
      keyStore: store,
      now: c.now,
      sleep: c.sleep,
      onEvent: (e) => events.push(e),
    });

    expect(result.status).toBe('completed');
    expect(usedKeys()).toEqual([SECRETS.backup]);
    expect(result.routing.keys.map((k) => [k.kind, k.label])).toEqual([
      ['chosen', 'main'],
      ['switched', 'backup'],
    ]);
    expect(result.routing.keys[1]?.reason).toContain('"main" no longer exists');
  });
});
