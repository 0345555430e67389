import { describe, expect, it } from 'vitest';
import type { PoolMember } from '../routing/schemas';
import { isResting, type KeyState, pickPoolMember } from './pool';

const NOW = new Date('2026-12-07T13:00:00Z');
const policy = { waitMaxSeconds: 300, reservePercent: 5 };
const member = (id: string, position = 0, weight = 1): PoolMember => ({
  credentialId: id,
  label: id,
  protocol: 'openai-chat',
  baseUrl: 'http://127.0.0.1:1/v1',
  position,
  weight,
});
const state = (id: string, s: Partial<KeyState>): [string, KeyState] => [
  id,
  {
    credentialId: id,
    restingSince: null,
    restingUntil: null,
    restKind: null,
    restReason: null,
    limits: null,
    ...s,
  },
];
const at = (iso: string) => new Date(`2026-12-07T${iso}Z`);

describe('pickPoolMember', () => {
  const pool = [member('main', 0), member('backup', 1)];

  it('takes the first key in pool order when none rests', () => {
    const pick = pickPoolMember(pool, new Map(), { now: NOW, policy });
    expect(pick.member?.credentialId).toBe('main');
  });

  it('never takes a resting key, and says why it skipped it', () => {
    const states = new Map([
      state('main', { restingSince: NOW, restingUntil: at('14:05:00'), restKind: 'quota_exhausted' }),
    ]);
    const pick = pickPoolMember(pool, states, { now: NOW, policy });
    expect(pick.member?.credentialId).toBe('backup');
    expect(pick.member && pick.reason).toContain('"main" rests');
  });

  it('takes a key again once its reset time has passed', () => {
    const states = new Map([state('main', { restingSince: NOW, restingUntil: at('14:05:00') })]);
    expect(pickPoolMember(pool, states, { now: at('14:05:01'), policy }).member?.credentialId).toBe('main');
    expect(isResting(states.get('main'), at('14:04:59'))).toBe(true);
  });

  it('a key resting until edited stays out whatever the time', () => {
    const states = new Map([
      state('main', { restingSince: NOW, restingUntil: null, restKind: 'no_balance' }),
    ]);
    expect(pickPoolMember(pool, states, { now: at('23:59:00'), policy }).member?.credentialId).toBe('backup');
  });

  it('when every key rests, reports the earliest reset', () => {
    const states = new Map([
      state('main', {
        restingSince: NOW,
        restingUntil: at('15:00:00'),
        restKind: 'quota_exhausted',
        restReason: '1308: x',
      }),
      state('backup', { restingSince: NOW, restingUntil: at('14:05:00'), restKind: 'rate_limited' }),
    ]);
    const pick = pickPoolMember(pool, states, { now: NOW, policy });
    expect(pick.member).toBeNull();
    if (pick.member === null) {
      expect(pick.earliest?.toISOString()).toBe('2026-12-07T14:05:00.000Z');
      expect(pick.soonest.credentialId).toBe('backup');
    }
  });

  it('leaves a key whose reported capacity fell below the reserve, before it hits the limit', () => {
    const states = new Map([
      state('main', {
        limits: { requests: { limit: 100, remaining: 4, resetAt: at('13:01:00') }, tokens: null },
      }),
    ]);
    const pick = pickPoolMember(pool, states, { now: NOW, policy, current: 'main' });
    expect(pick.member?.credentialId).toBe('backup');
    expect(pick.member && pick.reason).toContain('"main" has 4% left (reserve 5%)');
    // Once that window has refilled, the reading no longer counts.
    expect(
      pickPoolMember(pool, states, { now: at('13:01:01'), policy, current: 'main' }).member?.credentialId,
    ).toBe('main');
  });

  it('keeps the current key while it has capacity (no needless switches)', () => {
    expect(
      pickPoolMember(pool, new Map(), { now: NOW, policy, current: 'backup' }).member?.credentialId,
    ).toBe('backup');
  });

  it('when every key is below the reserve, uses the one with the most left', () => {
    const low = (remaining: number) => ({
      limits: { requests: { limit: 100, remaining, resetAt: at('13:01:00') }, tokens: null },
    });
    const states = new Map([state('main', low(1)), state('backup', low(3))]);
    const pick = pickPoolMember(pool, states, { now: NOW, policy });
    expect(pick.member?.credentialId).toBe('backup');
  });

  it('shares calls among keys of equal position by weight', () => {
    const shared = [member('a', 0, 3), member('b', 0, 1)];
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 100; i++) {
      const pick = pickPoolMember(shared, new Map(), { now: NOW, policy, random: () => i / 100 });
      if (pick.member) counts[pick.member.credentialId as 'a' | 'b']++;
    }
    expect(counts).toEqual({ a: 75, b: 25 });
  });

  it('keeps the default first on its own even when other keys share its position', () => {
    const withDefault = [{ ...member('chosen-default', 0, 1), isDefault: true }, member('spare', 0, 9)];
    for (const r of [0, 0.5, 0.99]) {
      const pick = pickPoolMember(withDefault, new Map(), { now: NOW, policy, random: () => r });
      expect(pick.member?.credentialId).toBe('chosen-default');
    }
  });

  it('trusts a capacity reading without a reset time for a minute only', () => {
    const states = new Map([
      state('main', {
        limits: { requests: { limit: 100, remaining: 1, resetAt: null }, tokens: null },
        observedAt: NOW,
      }),
    ]);
    expect(pickPoolMember(pool, states, { now: at('13:00:30'), policy }).member?.credentialId).toBe('backup');
    expect(pickPoolMember(pool, states, { now: at('13:01:01'), policy }).member?.credentialId).toBe('main');
  });
});
