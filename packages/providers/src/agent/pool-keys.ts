import type { ProviderErrorInfo } from '../errors/classes';
import type { Sleep } from '../errors/sleep';
import { pickPoolMember } from '../keys/pool';
import type { RateLimitSnapshot } from '../keys/rate-limits';
import { describeUntil, type KeyRest, restLabel } from '../keys/rest';
import type { KeyStore } from '../keys/store';
import type { KeyChoiceRecord, KeyPolicy, PoolMember, RouteTarget } from '../routing/schemas';
import type { AgentEvent } from './events';

/** The code of the error raised when every key of a pool rests (its message says until when). */
export const POOL_RESTING_CODE = 'pool_resting';

/** The provider's words of a rest reason, without its code ("1113: Insufficient…" → "Insufficient…"). */
function providerWords(reason: string | null): string {
  return (reason ?? 'no reason given').replace(/^[\w.-]{1,40}: /, '');
}

export interface PoolKeysOptions {
  store: KeyStore;
  policy: KeyPolicy;
  now: () => Date;
  sleep: Sleep;
  random?: () => number;
  onEvent: (event: AgentEvent) => void;
}

/**
 * Which team credential of a target's pool serves the calls of one session (docs/decisions/0013):
 * the pick before each call, the rests it records, the waits for a reset, and the `keys` records
 * that say why. Retries and fallbacks stay with ResilientCaller.
 */
export class PoolKeys {
  readonly records: KeyChoiceRecord[] = [];
  /** The credential in use (null: none chosen yet, or the previous one was left). */
  private member: PoolMember | null = null;
  /** Why the previous credential was left, for the next record. */
  private leftBecause: string | null = null;
  /** Credentials deleted while the phase ran (no secret any more): never picked again. */
  private readonly gone = new Set<string>();
  /** The latest time the current call may wait for a reset (set at its first wait). */
  private waitDeadline: number | null = null;

  constructor(private readonly o: PoolKeysOptions) {}

  get current(): PoolMember | null {
    return this.member;
  }

  /** A new model call: it gets its own budget of waiting. */
  startCall(): void {
    this.waitDeadline = null;
  }

  /** The session moved to another target: its pool starts afresh. */
  leaveTarget(): void {
    this.member = null;
    this.leftBecause = null;
  }

  /** The credential has no secret any more (deleted from Settings → Integrations). */
  drop(member: PoolMember): void {
    this.gone.add(member.credentialId);
    this.leftBecause = `"${member.label}" no longer exists`;
    this.member = null;
  }

  /** The credential rests for every worker; the next pick serves the same call with another one. */
  async rest(member: PoolMember, rest: KeyRest): Promise<void> {
    const now = this.o.now();
    await this.o.store.rest(member.credentialId, rest, now);
    this.leftBecause = `"${member.label}" rests ${describeUntil(rest.until, now)} (${restLabel(rest.kind, rest.reason)}, ${rest.untilFrom})`;
    this.member = null;
  }

  /** Record the capacity a response reported for the credential. */
  async observe(member: PoolMember | null, limits: RateLimitSnapshot | null | undefined): Promise<void> {
    if (member && limits) await this.o.store.observe(member.credentialId, limits, this.o.now());
  }

  /**
   * The credential for the next call of `target`: never a resting one. When all rest, waits for the
   * earliest reset within the profile's limit; beyond it, returns the error that says until when
   * they rest (the caller falls back or fails with it).
   */
  async choose(
    turn: number,
    target: RouteTarget & { pool: PoolMember[] },
    signal: AbortSignal | undefined,
  ): Promise<PoolMember | ProviderErrorInfo> {
    const { policy } = this.o;
    for (;;) {
      const pool = target.pool.filter((m) => !this.gone.has(m.credentialId));
      if (pool.length === 0)
        return this.exhausted(turn, target, {
          class: 'auth',
          action: 'fallback',
          httpStatus: null,
          providerCode: null,
          message: `${target.providerLabel} has no key left: every credential of its pool was deleted while the phase ran`,
          retryAfterMs: null,
        });
      const now = this.o.now();
      const pick = pickPoolMember(pool, await this.o.store.read(pool.map((m) => m.credentialId)), {
        now,
        policy,
        current: this.member?.credentialId,
        random: this.o.random,
      });
      if (pick.member) {
        if (pick.member.credentialId !== this.member?.credentialId) {
          const switched = this.member !== null || this.leftBecause !== null;
          this.note(turn, target, {
            credentialId: pick.member.credentialId,
            label: pick.member.label,
            kind: switched ? 'switched' : 'chosen',
            reason: this.leftBecause ? `${this.leftBecause}: now ${pick.choice}` : pick.reason,
          });
          this.member = pick.member;
        }
        this.leftBecause = null;
        return pick.member;
      }
      const why = restLabel(pick.soonest.restKind ?? 'rate_limited', pick.soonest.restReason);
      const until = describeUntil(pick.earliest, now);
      const who =
        pool.length === 1
          ? `${target.providerLabel} key "${pool[0]?.label}" rests`
          : `${target.providerLabel} keys all rest`;
      // One budget of waiting per call: other workers resting the keys again cannot stretch it.
      this.waitDeadline ??= now.getTime() + policy.waitMaxSeconds * 1000;
      if (pick.earliest && pick.earliest.getTime() <= this.waitDeadline) {
        const waitMs = Math.max(0, pick.earliest.getTime() - now.getTime());
        this.note(turn, target, {
          credentialId: null,
          label: null,
          kind: 'waited',
          reason: `${who} ${until} (${why}): waiting ${Math.ceil(waitMs / 1000)} s (limit ${policy.waitMaxSeconds} s)`,
        });
        this.member = null;
        this.leftBecause = 'the rest ended';
        await this.o.sleep(waitMs, signal);
        continue;
      }
      return this.exhausted(turn, target, {
        class: pick.soonest.restKind === 'rate_limited' ? 'rate_limited' : 'quota_exhausted',
        action: 'fallback',
        httpStatus: null,
        providerCode: POOL_RESTING_CODE,
        message: pick.earliest
          ? `${who} ${until} (${why}): add a key or a fallback`
          : `${who} ${until} (${why}: ${providerWords(pick.soonest.restReason)}): top up the account and edit the credential, add a key, or add a fallback`,
        retryAfterMs: null,
        ...(pick.earliest ? { resetAt: pick.earliest.toISOString(), resetFrom: 'the pool' } : {}),
      });
    }
  }

  private exhausted(turn: number, target: RouteTarget, info: ProviderErrorInfo): ProviderErrorInfo {
    this.note(turn, target, { credentialId: null, label: null, kind: 'exhausted', reason: info.message });
    this.leaveTarget();
    return info;
  }

  private note(turn: number, target: RouteTarget, choice: Omit<KeyChoiceRecord, 'at' | 'turn' | 'provider'>) {
    const record: KeyChoiceRecord = {
      at: this.o.now().toISOString(),
      turn,
      provider: target.provider,
      ...choice,
    };
    this.records.push(record);
    this.o.onEvent({ type: 'key', choice: record });
  }
}
