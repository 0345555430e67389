import { describe, expect, it } from 'vitest';
import { quotaText, restUntil, restWhy } from './key-pool';

const now = new Date('2026-12-07T10:00:00Z');

describe('key pool wording', () => {
  it('says until when a key rests (the date only when not today) and why', () => {
    const rest = {
      since: now,
      until: new Date('2026-12-07T14:05:00Z'),
      kind: 'rate_limited',
      reason: ' 1302:  Rate limit reached ',
      untilFrom: 'header',
    };
    expect(restUntil(rest, now)).toBe('rests until 14:05 UTC');
    expect(restUntil({ ...rest, until: new Date('2026-12-08T01:00:00Z') }, now)).toBe(
      'rests until 2026-12-08 01:00 UTC',
    );
    expect(restUntil({ ...rest, until: null }, now)).toBe('rests until edited');
    expect(restWhy(rest)).toBe('rate_limited: 1302: Rate limit reached');
    expect(restWhy({ ...rest, kind: 'no_balance', reason: null })).toBe('no_balance');
  });

  it('shows only the capacity that was reported', () => {
    expect(quotaText(null)).toBeNull();
    expect(quotaText({ requests: null, tokens: null, observedAt: now })).toBeNull();
    expect(
      quotaText({
        requests: { limit: 600, remaining: 12, resetAt: null },
        tokens: { limit: null, remaining: 45000, resetAt: null },
        observedAt: now,
      }),
    ).toBe('requests 12 / 600 left · tokens 45,000 left');
  });
});
