import type { RateLimitSnapshot } from '../keys/rate-limits';

/** Error classes of §5. */
export const ERROR_CLASSES = [
  'auth',
  'quota_exhausted',
  'rate_limited',
  'overloaded',
  'server',
  'context_overflow',
  'invalid_request',
  'network',
  'timeout',
  'stream_interrupted',
  'cancelled',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** What to do about an error. */
export const ERROR_ACTIONS = ['retry', 'wait_until_reset', 'fallback', 'fail', 'compact'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** The default action per class (§5 table); classification may refine it (e.g. a known reset time). */
export const DEFAULT_ACTION: Record<ErrorClass, ErrorAction> = {
  auth: 'fail',
  quota_exhausted: 'fallback',
  rate_limited: 'retry',
  overloaded: 'retry',
  server: 'retry',
  context_overflow: 'compact',
  invalid_request: 'fail',
  network: 'retry',
  timeout: 'retry',
  stream_interrupted: 'retry',
  cancelled: 'fail',
};

/** A classified provider error: what the probe prints and what the agent loop acts on. */
export interface ProviderErrorInfo {
  class: ErrorClass;
  action: ErrorAction;
  httpStatus: number | null;
  /** The provider's business code: Z.AI "1113", OpenAI "insufficient_quota", Anthropic "rate_limit_error". */
  providerCode: string | null;
  message: string;
  retryAfterMs: number | null;
  /**
   * When the provider says the limit lifts (ISO 8601), from `retry-after`, exhausted rate-limit
   * headers or a time in its message (Z.AI 1308/1310); absent when it said nothing.
   */
  resetAt?: string | null;
  /** Where `resetAt` came from, for traces: "retry-after", "rate-limit headers", "the message". */
  resetFrom?: string | null;
}

export class ProviderError extends Error {
  readonly info: ProviderErrorInfo;
  /** The capacity the failed response reported (its rate-limit headers), when it had any. */
  readonly rateLimits: RateLimitSnapshot | null;
  constructor(info: ProviderErrorInfo, options?: { cause?: unknown; rateLimits?: RateLimitSnapshot | null }) {
    super(info.message, options);
    this.name = 'ProviderError';
    this.info = info;
    this.rateLimits = options?.rateLimits ?? null;
  }
  get errorClass(): ErrorClass {
    return this.info.class;
  }
  get action(): ErrorAction {
    return this.info.action;
  }
}
