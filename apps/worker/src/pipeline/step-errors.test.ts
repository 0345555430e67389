import type { ProviderErrorInfo } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';
import { describeProviderFailure, ProviderFailureError } from './step-errors';

const info = (overrides: Partial<ProviderErrorInfo>): ProviderErrorInfo => ({
  class: 'auth',
  action: 'fail',
  httpStatus: 401,
  providerCode: null,
  message: 'rejected',
  retryAfterMs: null,
  ...overrides,
});

describe('the reason a task shows for a provider failure', () => {
  it('ends a rejected key with one full stop and what to do, whatever the provider wrote', () => {
    const message = describeProviderFailure(
      info({ message: 'Z.AI rejected credential "zai": Authorization Token is invalid.' }),
      'Z.AI',
      'glm-4.7',
    );
    expect(message).toBe(
      'Z.AI rejected credential "zai": Authorization Token is invalid. Fix the key in Settings → Integrations, then retry the phase.',
    );
  });

  it('names the provider, the model and the code of an exhausted quota', () => {
    const message = describeProviderFailure(
      info({
        class: 'quota_exhausted',
        httpStatus: 429,
        providerCode: '1113',
        message: 'Insufficient balance',
      }),
      'Z.AI',
      'glm-4.7',
    );
    expect(message).toMatch(
      /^Z\.AI \(glm-4\.7\) has no quota or balance left \(1113: Insufficient balance\)\. Top up/,
    );
  });

  it('says what to do when a provider stays overloaded through every retry', () => {
    const message = describeProviderFailure(
      info({ class: 'overloaded', action: 'retry', httpStatus: 529, message: 'Overloaded' }),
      'Anthropic',
      'claude-sonnet-4-6',
    );
    expect(message).toBe(
      'Anthropic (claude-sonnet-4-6) kept failing (overloaded: Overloaded) after retries and fallbacks. Retry the phase later, or add a fallback model on another provider to the profile.',
    );
  });

  it('blocks, never retries, when every key of a pool rests beyond the wait, and says when to retry', () => {
    const resting = info({
      class: 'rate_limited',
      action: 'fallback',
      httpStatus: null,
      providerCode: 'pool_resting',
      message: 'Z.AI keys all rest until 14:05 UTC (1302 rate limit): add a key or a fallback',
      resetAt: '2099-01-01T14:05:00.000Z',
    });
    expect(new ProviderFailureError(resting).retryable).toBe(false);
    expect(new ProviderFailureError({ ...resting, providerCode: '1302' }).retryable).toBe(true);
    expect(describeProviderFailure(resting, 'Z.AI', 'glm-4.7')).toBe(
      'Z.AI keys all rest until 14:05 UTC (1302 rate limit): add a key or a fallback (Settings → Integrations, or a fallback model in the profile), or retry the phase after 2099-01-01 14:05 UTC.',
    );
  });
});
