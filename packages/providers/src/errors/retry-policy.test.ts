import { describe, expect, it } from 'vitest';
import type { ProviderErrorInfo } from './classes';
import { classifyProviderError } from './classify';
import { parseRetryAfterMs } from './retry-after';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry-policy';
import { abortableSleep } from './sleep';

const err = (over: Partial<ProviderErrorInfo>): ProviderErrorInfo => ({
  class: 'server',
  action: 'retry',
  httpStatus: 500,
  providerCode: null,
  message: 'x',
  retryAfterMs: null,
  ...over,
});

describe('retry policy', () => {
  it('backs off exponentially with full jitter up to the cap', () => {
    const max = () => 0.999_999;
    expect(
      [1, 2, 3].map((a) => decideRetry(err({}), a, { ...DEFAULT_RETRY_POLICY, maxAttempts: 10 }, max)),
    ).toEqual([
      { retry: true, waitMs: 1000 },
      { retry: true, waitMs: 2000 },
      { retry: true, waitMs: 4000 },
    ]);
    expect(decideRetry(err({}), 9, { ...DEFAULT_RETRY_POLICY, maxAttempts: 10 }, max)).toEqual({
      retry: true,
      waitMs: 30_000,
    });
    expect(decideRetry(err({}), 2, DEFAULT_RETRY_POLICY, () => 0)).toEqual({ retry: true, waitMs: 0 });
  });
  it('honours retry-after up to a cap, then gives up on this model', () => {
    expect(decideRetry(err({ retryAfterMs: 16_000 }), 1)).toEqual({ retry: true, waitMs: 16_000 });
    expect(decideRetry(err({ retryAfterMs: 3_600_000 }), 1).retry).toBe(false);
  });
  it('stops after maxAttempts and never retries fail/fallback actions', () => {
    expect(decideRetry(err({}), 4).retry).toBe(false);
    expect(decideRetry(err({ class: 'quota_exhausted', action: 'fallback' }), 1).retry).toBe(false);
    expect(decideRetry(err({ class: 'auth', action: 'fail' }), 1).retry).toBe(false);
  });
  it('reads retry-after-ms, retry-after seconds or date, and OpenAI "try again in"', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'Retry-After': '16' }))).toBe(16_000);
    expect(
      parseRetryAfterMs(
        { 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' },
        '',
        Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'),
      ),
    ).toBe(5000);
    expect(parseRetryAfterMs({}, 'Please try again in 18.642s. Visit')).toBe(18_642);
    expect(parseRetryAfterMs({}, 'nothing')).toBeNull();
  });
  it('sleep stops as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = abortableSleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ info: { class: 'cancelled' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('classification by business code, not HTTP status alone', () => {
  it('Z.AI 1113 is an exhausted quota (never retried) though it comes as HTTP 429', () => {
    const info = classifyProviderError({
      httpStatus: 429,
      body: { error: { code: '1113', message: 'Insufficient balance' } },
    });
    expect([info.class, info.action]).toEqual(['quota_exhausted', 'fallback']);
    expect(decideRetry(info, 1).retry).toBe(false);
  });
  it('Z.AI 1302 is a rate limit, 1000-1004 auth, 1308 waits for its reset', () => {
    expect(classifyProviderError({ httpStatus: 429, body: { error: { code: '1302' } } }).class).toBe(
      'rate_limited',
    );
    expect(classifyProviderError({ httpStatus: 401, body: { error: { code: '1003' } } }).class).toBe('auth');
    expect(classifyProviderError({ httpStatus: 429, body: { error: { code: '1308' } } }).action).toBe(
      'wait_until_reset',
    );
  });
  it('Z.AI 401 without a code (the 2026 shape) is still auth', () => {
    expect(
      classifyProviderError({
        httpStatus: 401,
        body: { error: { message: '令牌已过期或验证不正确', type: '401' } },
      }).class,
    ).toBe('auth');
  });
  it('OpenRouter 402 is an exhausted quota and keeps metadata.raw in the message', () => {
    const info = classifyProviderError({
      httpStatus: 402,
      body: { error: { code: 402, message: 'Provider returned error', metadata: { raw: 'no credits' } } },
    });
    expect(info.class).toBe('quota_exhausted');
    expect(info.message).toBe('Provider returned error: no credits');
  });
  it('Anthropic 529, 5xx, and a mid-stream error', () => {
    expect(
      classifyProviderError({ httpStatus: 529, body: { type: 'error', error: { type: 'overloaded_error' } } })
        .class,
    ).toBe('overloaded');
    expect(classifyProviderError({ httpStatus: 502, body: 'Bad gateway' }).class).toBe('server');
    expect(
      classifyProviderError({ midStream: true, body: { error: { type: 'overloaded_error' } } }).class,
    ).toBe('stream_interrupted');
  });
});
