import { type HeaderBag, headerValue } from '../errors/retry-after';
import { parseDurationMs, parseEpoch, parseInstant } from './reset-time';

/** One limit as a response reported it. */
export interface LimitReading {
  limit: number;
  remaining: number;
  /** When the window refills; null when the provider did not say. */
  resetAt: Date | null;
}

/** The capacity a response reported for the key that sent it (docs/decisions/0013). */
export interface RateLimitSnapshot {
  requests: LimitReading | null;
  tokens: LimitReading | null;
}

function reading(
  headers: HeaderBag,
  names: { limit: string; remaining: string; reset: string },
  reset: (value: string | undefined) => Date | null,
): LimitReading | null {
  const limit = Number(headerValue(headers, names.limit));
  const remaining = Number(headerValue(headers, names.remaining));
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) return null;
  return { limit, remaining: Math.max(0, remaining), resetAt: reset(headerValue(headers, names.reset)) };
}

/** The tighter of several readings: the one with the smallest share left. */
function tightest(readings: (LimitReading | null)[]): LimitReading | null {
  let best: LimitReading | null = null;
  for (const r of readings) {
    if (r && (!best || r.remaining / r.limit < best.remaining / best.limit)) best = r;
  }
  return best;
}

/**
 * Read the rate-limit headers of a response, whatever the provider:
 * - Anthropic `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}` (RFC 3339);
 * - OpenAI and compatibles `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (durations such as "6m0s");
 * - OpenRouter `x-ratelimit-{limit,remaining,reset}` (requests; reset in epoch milliseconds).
 * Null when the response carried none.
 */
export function readRateLimits(headers: HeaderBag, now: Date = new Date()): RateLimitSnapshot | null {
  if (!headers) return null;
  const instant = (v: string | undefined) => parseInstant(v);
  const after = (v: string | undefined) => {
    const ms = parseDurationMs(v);
    return ms === null ? null : new Date(now.getTime() + ms);
  };
  const anthropic = (kind: string) =>
    reading(
      headers,
      {
        limit: `anthropic-ratelimit-${kind}-limit`,
        remaining: `anthropic-ratelimit-${kind}-remaining`,
        reset: `anthropic-ratelimit-${kind}-reset`,
      },
      instant,
    );
  const openai = (kind: string) =>
    reading(
      headers,
      {
        limit: `x-ratelimit-limit-${kind}`,
        remaining: `x-ratelimit-remaining-${kind}`,
        reset: `x-ratelimit-reset-${kind}`,
      },
      after,
    );
  const requests =
    anthropic('requests') ??
    openai('requests') ??
    reading(
      headers,
      { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
      (v) => parseEpoch(v) ?? after(v),
    );
  const tokens =
    tightest([anthropic('tokens'), anthropic('input-tokens'), anthropic('output-tokens')]) ??
    openai('tokens');
  return requests || tokens ? { requests, tokens } : null;
}

/** The latest reset among the limits that are used up: when a key limited by them can serve again. */
export function exhaustedUntil(snapshot: RateLimitSnapshot | null, now: Date): Date | null {
  let until: Date | null = null;
  for (const r of [snapshot?.requests, snapshot?.tokens]) {
    if (r && r.remaining <= 0 && r.resetAt && r.resetAt > now && (!until || r.resetAt > until))
      until = r.resetAt;
  }
  return until;
}

/** The smallest share (0–100) left of any reported limit that has not refilled yet; null when none known. */
export function remainingPercent(
  snapshot: RateLimitSnapshot | null,
  now: Date,
  /** The reading is old: one without a reset time no longer counts (it may have refilled). */
  stale = false,
): number | null {
  let least: number | null = null;
  for (const r of [snapshot?.requests, snapshot?.tokens]) {
    if (!r || (r.resetAt ? r.resetAt <= now : stale)) continue;
    const share = (100 * r.remaining) / r.limit;
    if (least === null || share < least) least = share;
  }
  return least;
}
