import type { KeyPolicy, PoolMember } from '../routing/schemas';
import { type RateLimitSnapshot, remainingPercent } from './rate-limits';
import type { RestKind } from './rest';

/** What the shared store knows of a pool credential (CredentialState). */
export interface KeyState {
  credentialId: string;
  restingSince: Date | null;
  /** Null while `restingSince` is set: until the credential is edited. */
  restingUntil: Date | null;
  restKind: RestKind | null;
  restReason: string | null;
  limits: RateLimitSnapshot | null;
  /** When `limits` was reported: a reading without a reset time counts for READING_TTL_MS. */
  observedAt?: Date | null;
}

/** How long a capacity reading without a reset time is trusted (gateways that send none). */
export const READING_TTL_MS = 60_000;

export function isResting(state: KeyState | undefined, now: Date): boolean {
  if (!state?.restingSince) return false;
  return state.restingUntil === null || state.restingUntil > now;
}

export type PoolPick =
  | {
      member: PoolMember;
      /** Why this key, naming the keys skipped before it. */
      reason: string;
      /** Why this key, alone: `"backup" (first available in pool order)`. */
      choice: string;
    }
  | {
      member: null;
      /** The earliest time a resting credential serves again; null when all rest until edited. */
      earliest: Date | null;
      /** The state that rests until `earliest` (or any, when all rest until edited): for the message. */
      soonest: KeyState;
    };

export interface PickOptions {
  now: Date;
  policy: KeyPolicy;
  /** The credential the session used last: kept while it has capacity (no needless switches). */
  current?: string | null;
  random?: () => number;
}

const quoted = (m: PoolMember) => `"${m.label}"`;

/**
 * Which credential of a pool serves the next call (docs/decisions/0013):
 * 1. never one that rests;
 * 2. prefer those whose reported remaining capacity is above the reserve (policy.reservePercent);
 * 3. keep the current one when it qualifies;
 * 4. else the first by pool order, sharing among equal positions by weight.
 * When every credential rests, says until when.
 */
export function pickPoolMember(
  pool: readonly PoolMember[],
  states: ReadonlyMap<string, KeyState>,
  options: PickOptions,
): PoolPick {
  const { now, policy } = options;
  const awake = pool.filter((m) => !isResting(states.get(m.credentialId), now));
  if (awake.length === 0) {
    let soonest: KeyState | undefined;
    for (const m of pool) {
      const s = states.get(m.credentialId);
      if (!s) continue;
      if (!soonest || (s.restingUntil && (!soonest.restingUntil || s.restingUntil < soonest.restingUntil)))
        soonest = s;
    }
    const fallback: KeyState = soonest ?? {
      credentialId: pool[0]?.credentialId ?? '',
      restingSince: now,
      restingUntil: null,
      restKind: null,
      restReason: null,
      limits: null,
    };
    return { member: null, earliest: fallback.restingUntil, soonest: fallback };
  }

  const left = (m: PoolMember) => {
    const s = states.get(m.credentialId);
    const stale = !s?.observedAt || now.getTime() - s.observedAt.getTime() > READING_TTL_MS;
    return remainingPercent(s?.limits ?? null, now, stale);
  };
  const roomy = awake.filter((m) => {
    const share = left(m);
    return share === null || share >= policy.reservePercent;
  });
  const current = options.current ? awake.find((m) => m.credentialId === options.current) : undefined;
  if (roomy.length === 0) {
    // Every awake key is nearly spent: use the one with the most left rather than none.
    const best = awake.reduce((a, b) => ((left(b) ?? 0) > (left(a) ?? 0) ? b : a));
    const choice = `${quoted(best)} (every key is below the ${policy.reservePercent}% reserve; it has the most left, ${Math.floor(left(best) ?? 0)}%)`;
    return { member: best, reason: choice, choice };
  }
  if (current && roomy.includes(current)) {
    const choice = `${quoted(current)} (still has capacity)`;
    return { member: current, reason: choice, choice };
  }

  const first = roomy[0] as PoolMember;
  // The default goes first on its own; other keys of equal position share by weight.
  const peers = first.isDefault
    ? [first]
    : roomy.filter((m) => !m.isDefault && m.position === first.position);
  const chosen = peers.length > 1 ? byWeight(peers, options.random ?? Math.random) : first;
  const skipped = pool
    .filter((m) => m !== chosen && pool.indexOf(m) < pool.indexOf(chosen))
    .map((m) => {
      const s = states.get(m.credentialId);
      if (isResting(s, now)) return `${quoted(m)} rests`;
      const share = left(m);
      return share !== null && share < policy.reservePercent
        ? `${quoted(m)} has ${Math.floor(share)}% left (reserve ${policy.reservePercent}%)`
        : null;
    })
    .filter(Boolean);
  const why =
    peers.length > 1
      ? `shares position ${first.position} with ${peers.length - 1} other key(s) by weight ${chosen.weight}`
      : pool.length === 1
        ? 'the only key'
        : first.isDefault
          ? 'the default'
          : 'first available in pool order';
  const choice = `${quoted(chosen)} (${why})`;
  return { member: chosen, reason: skipped.length ? `${skipped.join('; ')}: ${choice}` : choice, choice };
}

function byWeight(members: PoolMember[], random: () => number): PoolMember {
  const total = members.reduce((sum, m) => sum + m.weight, 0);
  let ticket = random() * total;
  for (const m of members) {
    ticket -= m.weight;
    if (ticket < 0) return m;
  }
  return members[members.length - 1] as PoolMember;
}
