import type { ApiOutputs } from '../api/client';

type Credential = ApiOutputs['credentials']['list'][number];
export type CredentialRest = NonNullable<Credential['rest']>;
export type CredentialQuota = NonNullable<Credential['quota']>;

const hhmm = (date: Date) => date.toISOString().slice(11, 16);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** `14:05 UTC`, with the date in front when it is not today (UTC). */
export function utcTime(date: Date, now = new Date()): string {
  return day(date) === day(now) ? `${hhmm(date)} UTC` : `${day(date)} ${hhmm(date)} UTC`;
}

/**
 * A resting credential in a few words: `rests until 14:05 UTC (rate_limited: 1302: Rate limit…)`,
 * or `rests until edited (no_balance: …)` when only an edit (a topped-up balance) ends it.
 */
export function describeRest(rest: CredentialRest, now = new Date(), maxReason = 80): string {
  const until = rest.until ? `rests until ${utcTime(rest.until, now)}` : 'rests until edited';
  const reason = rest.reason ? flat(rest.reason, maxReason) : null;
  const why = [rest.kind ?? 'resting', reason].filter(Boolean).join(': ');
  return `${until} (${why})`;
}

/** `requests 0/600 left, tokens 12,000/1,000,000 left`; null when nothing was reported. */
export function describeQuota(quota: CredentialQuota | null): string | null {
  if (!quota) return null;
  const part = (name: string, w: CredentialQuota['requests']) => {
    if (!w || w.remaining === null) return null;
    const of = w.limit !== null ? `/${w.limit.toLocaleString('en-US')}` : '';
    return `${name} ${w.remaining.toLocaleString('en-US')}${of} left`;
  };
  const parts = [part('requests', quota.requests), part('tokens', quota.tokens)].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function flat(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
