import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelClient } from '../adapters/create-client';
import { ProviderError } from '../errors/classes';
import type { Protocol } from '../registry/ids';
import { transcriptPath } from '../test-support/transcripts';
import { restForError } from './rest';

// Every limit shape of issue 16, replayed byte for byte through the real SDKs: what the key's rest
// would be (kind, until when, read from where) and what capacity a response reports.

const LIMITS_DIR = fileURLToPath(new URL('../../test/limit-transcripts/', import.meta.url));
const NOW = new Date('2026-12-07T13:00:00Z');
const DEFAULT_MS = 2_000;

type Rest = { kind: string; from: string; until?: string | null };
type Expect =
  | { errorClass: string; providerCode: string | null; rest: Rest | null }
  | { requests: [number, number] | null; tokens: [number, number] | null };

const EXPECTED: Record<string, Expect> = {
  // Composed from the providers' docs (test/limit-transcripts, each file says how).
  'zai_error_1308_usage_limit.json': {
    errorClass: 'quota_exhausted',
    providerCode: '1308',
    rest: { kind: 'quota_exhausted', from: 'the message', until: '2026-12-07T14:05:00.000Z' },
  },
  'zai_error_1310_weekly_limit.json': {
    errorClass: 'quota_exhausted',
    providerCode: '1310',
    rest: { kind: 'quota_exhausted', from: 'the message', until: '2026-12-14T00:00:00.000Z' },
  },
  'zai_error_1303_frequency.json': {
    errorClass: 'rate_limited',
    providerCode: '1303',
    rest: { kind: 'rate_limited', from: 'default' },
  },
  'anthropic_error_400_credit_balance_too_low.json': {
    errorClass: 'quota_exhausted',
    providerCode: 'invalid_request_error',
    rest: { kind: 'no_balance', from: 'until edited', until: null },
  },
  'openai_error_429_ratelimit_headers.json': {
    errorClass: 'rate_limited',
    providerCode: 'rate_limit_exceeded',
    rest: { kind: 'rate_limited', from: 'rate-limit headers' },
  },
  'openrouter_error_402_insufficient_credits.json': {
    errorClass: 'quota_exhausted',
    providerCode: '402',
    rest: { kind: 'no_balance', from: 'until edited', until: null },
  },
  'deepseek_error_402_insufficient_balance.json': {
    errorClass: 'quota_exhausted',
    providerCode: 'invalid_request_error',
    rest: { kind: 'no_balance', from: 'until edited', until: null },
  },
  'openrouter_error_429_free_models_per_min.json': {
    errorClass: 'rate_limited',
    providerCode: '429',
    rest: { kind: 'rate_limited', from: 'rate-limit headers', until: '2026-12-07T14:05:00.000Z' },
  },
  'openai_nonstream_ratelimit_headers.json': { requests: [60, 2], tokens: [150000, 149984] },
  'anthropic_nonstream_ratelimit_headers.json': { requests: [50, 49], tokens: [30000, 900] },
};

// The shared captures that are limits: the same rules hold for them.
const SHARED: Record<string, Expect> = {
  'anthropic_error_429_rate_limit.json': {
    errorClass: 'rate_limited',
    providerCode: 'rate_limit_error',
    rest: { kind: 'rate_limited', from: 'retry-after' },
  },
  'zai_error_1113_insufficient_balance.json': {
    errorClass: 'quota_exhausted',
    providerCode: '1113',
    rest: { kind: 'no_balance', from: 'until edited', until: null },
  },
  'zai_error_1302_concurrency.json': {
    errorClass: 'rate_limited',
    providerCode: '1302',
    rest: { kind: 'rate_limited', from: 'default' },
  },
  'openai_error_429_insufficient_quota.json': {
    errorClass: 'quota_exhausted',
    providerCode: 'insufficient_quota',
    rest: { kind: 'no_balance', from: 'until edited', until: null },
  },
  'openai_error_429_rate_limit_exceeded.json': {
    errorClass: 'rate_limited',
    providerCode: 'rate_limit_exceeded',
    rest: { kind: 'rate_limited', from: 'retry-after' },
  },
  'anthropic_error_401_authentication.json': {
    errorClass: 'auth',
    providerCode: 'authentication_error',
    rest: null,
  },
};

async function replay(server: FakeLlmServer, path: string) {
  const { default: data } = await import(path, { with: { type: 'json' } });
  const protocol = data.api as Protocol;
  server.setTranscript(path);
  const client = createModelClient({
    protocol,
    provider: data.provider,
    baseUrl: protocol === 'anthropic-messages' ? server.url : `${server.url}/v1`,
    apiKey: 'test-key',
    model: 'test-model',
    // A fixed clock: the composed resets are absolute times on 2026-12-07, and this test must not
    // start failing once the wall clock passes them.
    now: () => NOW,
  });
  try {
    return { turn: await client.complete({ messages: [{ role: 'user', content: 'hi' }], stream: false }) };
  } catch (err) {
    return { err };
  }
}

describe('limit shapes replayed through the real SDKs', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeLlm({});
  });
  afterAll(async () => {
    await server.close();
  });

  it('has an expectation for every composed limit transcript', () => {
    const files = readdirSync(LIMITS_DIR).filter((f) => f.endsWith('.json'));
    expect(Object.keys(EXPECTED).sort()).toEqual(files.sort());
  });

  const cases = [
    ...Object.entries(EXPECTED).map(([f, e]) => [f, `${LIMITS_DIR}${f}`, e] as const),
    ...Object.entries(SHARED).map(([f, e]) => [`shared ${f}`, transcriptPath(f), e] as const),
  ];
  for (const [name, path, expected] of cases) {
    it(`reads ${name}`, async () => {
      const { turn, err } = await replay(server, path);
      if ('requests' in expected) {
        expect(err).toBeUndefined();
        const limits = turn?.rateLimits;
        expect(limits?.requests ? [limits.requests.limit, limits.requests.remaining] : null).toEqual(
          expected.requests,
        );
        expect(limits?.tokens ? [limits.tokens.limit, limits.tokens.remaining] : null).toEqual(
          expected.tokens,
        );
        return;
      }
      expect(err).toBeInstanceOf(ProviderError);
      const info = (err as ProviderError).info;
      expect({ class: info.class, code: info.providerCode }).toEqual({
        class: expected.errorClass,
        code: expected.providerCode,
      });
      // Relative resets (retry-after, "12s") count from the client's clock: NOW too.
      const now = NOW;
      const rest = restForError(info, now, DEFAULT_MS);
      if (!expected.rest) {
        expect(rest).toBeNull();
        return;
      }
      expect({ kind: rest?.kind, from: rest?.untilFrom }).toEqual({
        kind: expected.rest.kind,
        from: expected.rest.from,
      });
      if (expected.rest.until !== undefined)
        expect(rest?.until?.toISOString() ?? null).toBe(expected.rest.until);
      else expect(rest?.until?.getTime()).toBeGreaterThan(now.getTime());
      // The reason quotes the provider, so the dashboard can say why.
      expect(rest?.reason).toContain(info.message.slice(0, 20));
    });
  }
});
