export type HeaderBag = Headers | Record<string, string | undefined> | null | undefined;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  return key ? bag[key] : undefined;
}

/**
 * How long the provider asks us to wait: `retry-after-ms`, then `retry-after` (seconds or an HTTP
 * date), then OpenAI's "Please try again in 6ms / 18.642s" in the message. Null when none says.
 */
export function parseRetryAfterMs(headers: HeaderBag, message = '', now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headerValue(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const ra = headerValue(headers, 'retry-after')?.trim();
  if (ra) {
    const seconds = Number(ra);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(ra);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const hint = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (hint?.[1]) return Math.round(Number(hint[1]) * (hint[2]?.toLowerCase() === 'ms' ? 1 : 1000));
  return null;
}
