/**
 * Reset times as providers state them, turned into instants. Each parser returns null when the
 * text says nothing usable, so callers can try the next source.
 */

/** OpenAI's `x-ratelimit-reset-*` durations: "1s", "6m0s", "20ms", "1h2m3.5s", "0.5s". */
export function parseDurationMs(text: string | undefined | null): number | null {
  const value = text?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const unit = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = unit.exec(value); m; m = unit.exec(value)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    matched = unit.lastIndex;
  }
  return matched === value.length && matched > 0 ? Math.round(total) : null;
}

/** An RFC 3339 instant (Anthropic's `anthropic-ratelimit-*-reset`). */
export function parseInstant(text: string | undefined | null): Date | null {
  const value = text?.trim();
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * OpenRouter's `X-RateLimit-Reset`: epoch milliseconds (seconds are accepted too, told apart by size).
 */
export function parseEpoch(text: string | undefined | null): Date | null {
  const value = text?.trim();
  if (!value || !/^\d{9,14}$/.test(value)) return null;
  const n = Number(value);
  return new Date(n < 1e11 ? n * 1000 : n);
}

/**
 * Z.AI states its usage-window resets in the message, without a zone: "Your limit will reset at
 * 2025-08-14 04:17:47" (1308, 1310). Z.AI's platform reports Beijing time (UTC+8): decision 0013.
 */
const ZAI_RESET =
  /reset(?:s)? at\s+(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?/i;

export function parseResetInMessage(message: string): Date | null {
  const m = ZAI_RESET.exec(message);
  if (!m) return null;
  const zone = m[3]?.trim().toUpperCase();
  const offset = !zone
    ? '+08:00'
    : zone === 'UTC' || zone === 'Z'
      ? 'Z'
      : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = m[2]?.length === 5 ? `${m[2]}:00` : m[2];
  const ms = Date.parse(`${m[1]}T${time}${offset}`);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** "14:05 UTC", with the date when it is not today (UTC): what messages and the dashboard show. */
export function formatResetTime(at: Date, now: Date): string {
  const iso = at.toISOString();
  const hm = iso.slice(11, 16);
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? `${hm} UTC` : `${iso.slice(0, 10)} ${hm} UTC`;
}
