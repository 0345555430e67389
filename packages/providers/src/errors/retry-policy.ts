import type { ProviderErrorInfo } from './classes';

export interface RetryPolicy {
  /** Attempts per model, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap of the exponential backoff. */
  maxDelayMs: number;
  /** The longest `retry-after` we honour; beyond it the model counts as unavailable (fall back). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: string };

/**
 * Whether to retry after `attempt` (1-based) failed, and how long to wait: the provider's
 * retry-after when given (up to the cap), else exponential backoff with full jitter.
 */
export function decideRetry(
  error: ProviderErrorInfo,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  const waitsForReset = error.action === 'wait_until_reset' && error.retryAfterMs !== null;
  if (error.action !== 'retry' && !waitsForReset)
    return { retry: false, reason: `${error.class} is not retried` };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  if (error.retryAfterMs !== null) {
    if (error.retryAfterMs > policy.maxRetryAfterMs)
      return {
        retry: false,
        reason: `retry-after ${error.retryAfterMs} ms exceeds the ${policy.maxRetryAfterMs} ms cap`,
      };
    return { retry: true, waitMs: error.retryAfterMs };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, waitMs: Math.round(random() * ceiling) };
}
