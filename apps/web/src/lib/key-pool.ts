/** How the dashboard words a pool credential's rest and reported capacity (docs/decisions/0013). */

export interface RestView {
  since: Date;
  /** null: until the credential is edited (no balance or credit). */
  until: Date | null;
  kind: string | null;
  reason: string | null;
  untilFrom: string | null;
}

interface QuotaWindow {
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
}

export interface QuotaView {
  requests: QuotaWindow | null;
  tokens: QuotaWindow | null;
  observedAt: Date | null;
}

const integer = new Intl.NumberFormat('en-US');
const hhmm = (date: Date) => date.toISOString().slice(11, 16);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** `14:05 UTC`, with the date in front when it is not today (UTC). */
export function utcTime(date: Date, now = new Date()): string {
  return day(date) === day(now) ? `${hhmm(date)} UTC` : `${day(date)} ${hhmm(date)} UTC`;
}

/** `rests until 14:05 UTC` or `rests until edited`. */
export function restUntil(rest: RestView, now = new Date()): string {
  return rest.until ? `rests until ${utcTime(rest.until, now)}` : 'rests until edited';
}

/** `rate_limited: 1302: Rate limit reached…` (the kind, then the provider's words). */
export function restWhy(rest: RestView): string {
  return [rest.kind ?? 'resting', rest.reason?.replace(/\s+/g, ' ').trim() || null]
    .filter(Boolean)
    .join(': ');
}

/** `requests 12 / 600 left · tokens 45,000 / 1,000,000 left`; null when nothing was reported. */
export function quotaText(quota: QuotaView | null): string | null {
  if (!quota) return null;
  const part = (name: string, w: QuotaWindow | null) =>
    !w || w.remaining === null
      ? null
      : `${name} ${integer.format(w.remaining)}${w.limit !== null ? ` / ${integer.format(w.limit)}` : ''} left`;
  const parts = [part('requests', quota.requests), part('tokens', quota.tokens)].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
