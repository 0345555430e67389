import { createModelClient } from '../adapters/create-client';
import { ProviderError, type ProviderErrorInfo } from '../errors/classes';
import { toProviderError } from '../errors/from-exception';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from '../errors/retry-policy';
import { abortableSleep, type Sleep } from '../errors/sleep';
import { pickPoolMember } from '../keys/pool';
import type { RateLimitSnapshot } from '../keys/rate-limits';
import { describeUntil, restForError, restKindOf, restLabel } from '../keys/rest';
import type { KeyStore } from '../keys/store';
import { estimateTokens } from '../messages/conversation';
import type { ClientConfig, Message, ModelClient, ModelRequest, ModelTurn } from '../messages/types';
import { createProviderRegistry } from '../registry/registry';
import {
  type AttemptRecord,
  DEFAULT_KEY_POLICY,
  type HopRecord,
  type KeyChoiceRecord,
  type PhaseRouting,
  type PoolMember,
  type RouteTarget,
} from '../routing/schemas';
import type { AgentEvent } from './events';
import { fallbackUnfitReason } from './fallback';

/** The secret for a target; with a pool, for the member chosen for the call. */
export type GetApiKey = (
  target: RouteTarget,
  member?: PoolMember,
) => string | null | undefined | Promise<string | null | undefined>;

/** A quota window without a stated reset rests its key this long (rate limits back off instead). */
export const DEFAULT_QUOTA_REST_MS = 10 * 60_000;
/** The provider's words of a rest reason, without its code ("1113: Insufficient…" → "Insufficient…"). */
function providerWords(reason: string | null): string {
  return (reason ?? 'no reason given').replace(/^[\w.-]{1,40}: /, '');
}

/** The code of the error raised when every key of a pool rests (its message says until when). */
export const POOL_RESTING_CODE = 'pool_resting';

export interface ResilienceOptions {
  routing: PhaseRouting;
  getApiKey: GetApiKey;
  onEvent: (event: AgentEvent) => void;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
  createClient?: (config: ClientConfig) => ModelClient;
  /** Summarise the conversation when a context overflows (done once per call). */
  compact?: (messages: Message[]) => Promise<Message[]>;
  timeoutMs?: number;
  streamIdleMs?: number;
  /**
   * Shared pool state (docs/decisions/0013). With it, a target whose decision lists a pool of team
   * credentials picks one per call, rests a limited one and moves on; without it, the first is used.
   */
  keyStore?: KeyStore;
}

/**
 * Calls the phase's model with retries, then its fallbacks in order, recording every attempt,
 * wait and hop in `attempts` / `hops`. The target in use persists across turns of a session.
 */
export class ResilientCaller {
  readonly attempts: AttemptRecord[] = [];
  readonly hops: HopRecord[] = [];
  readonly keys: KeyChoiceRecord[] = [];
  private index = 0;
  /** The pool credential in use for the current target (null: no pool, or none chosen yet). */
  private member: PoolMember | null = null;
  /** Why the previous credential was left, for the next key-choice record. */
  private leftBecause: string | null = null;
  /** Pool credentials deleted while the phase ran (no secret any more): never picked again. */
  private readonly gone = new Set<string>();
  /** The latest time this call may wait for a reset (set at its first wait; the profile's limit). */
  private waitDeadline: number | null = null;
  private readonly targets: RouteTarget[];
  private readonly clients = new Map<string, ModelClient>();

  constructor(private readonly o: ResilienceOptions) {
    this.targets = [o.routing, ...o.routing.fallbacks];
  }

  get current(): RouteTarget {
    return this.targets[this.index] ?? this.o.routing;
  }

  /** The pool credential serving the current target, when it has a pool. */
  get credential(): PoolMember | null {
    return this.member;
  }

  /** The client for the current target and key; null when the pool key has no secret any more. */
  private async client(): Promise<ModelClient | null> {
    const member = this.member;
    const key = `${this.index}:${member?.credentialId ?? ''}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const t = this.current;
    const apiKey = (await (member ? this.o.getApiKey(t, member) : this.o.getApiKey(t))) ?? null;
    if (member && !apiKey) return null;
    const config: ClientConfig = {
      protocol: member?.protocol ?? t.protocol,
      provider: t.provider,
      baseUrl: (member ? member.baseUrl : t.baseUrl) ?? '',
      apiKey,
      authScheme: t.authScheme,
      model: t.model,
      timeoutMs: this.o.timeoutMs,
      streamIdleMs: this.o.streamIdleMs,
      now: this.o.now,
      // Custom OpenAI-compatible servers are assumed DeepSeek-like: replaying reasoning is harmless there.
      replaysReasoningContent: createProviderRegistry().find(t.provider)?.replaysReasoningContent ?? true,
    };
    const client = (this.o.createClient ?? createModelClient)(config);
    this.clients.set(key, client);
    return client;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** A pool is in play when the decision lists one and there is a shared store to honour it. */
  private pooled(target: RouteTarget): target is RouteTarget & { pool: PoolMember[] } {
    return Boolean(this.o.keyStore && target.pool && target.pool.length > 0);
  }

  private noteKey(
    turn: number,
    target: RouteTarget,
    choice: Omit<KeyChoiceRecord, 'at' | 'turn' | 'provider'>,
  ) {
    const record: KeyChoiceRecord = { at: this.stamp(), turn, provider: target.provider, ...choice };
    this.keys.push(record);
    this.o.onEvent({ type: 'key', choice: record });
  }

  private async observe(member: PoolMember | null, limits: RateLimitSnapshot | null | undefined) {
    if (!member || !limits || !this.o.keyStore) return;
    await this.o.keyStore.observe(member.credentialId, limits, this.now());
  }

  /**
   * Choose the pool credential for the next call of `target`: never a resting one. When all rest,
   * wait for the earliest reset within the profile's limit, else hop to the next fallback ("hopped"),
   * else throw a ProviderError that says until when they rest.
   */
  private async chooseKey(
    turn: number,
    target: RouteTarget & { pool: PoolMember[] },
    request: Omit<ModelRequest, 'thinking'>,
    conversation: Message[],
  ): Promise<'ready' | 'hopped'> {
    const store = this.o.keyStore as KeyStore;
    const policy = this.o.routing.keyPolicy ?? DEFAULT_KEY_POLICY;
    const sleep = this.o.sleep ?? abortableSleep;
    for (;;) {
      const pool = target.pool.filter((m) => !this.gone.has(m.credentialId));
      if (pool.length === 0) {
        const info: ProviderErrorInfo = {
          class: 'auth',
          action: 'fallback',
          httpStatus: null,
          providerCode: null,
          message: `${target.providerLabel} has no key left: every credential of its pool was deleted while the phase ran`,
          retryAfterMs: null,
        };
        this.noteKey(turn, target, {
          credentialId: null,
          label: null,
          kind: 'exhausted',
          reason: info.message,
        });
        this.member = null;
        if (this.hop(info, conversation, request)) return 'hopped';
        throw new ProviderError(info);
      }
      const now = this.now();
      const ids = pool.map((m) => m.credentialId);
      const pick = pickPoolMember(pool, await store.read(ids), {
        now,
        policy,
        current: this.member?.credentialId,
        random: this.o.random,
      });
      if (pick.member) {
        if (pick.member.credentialId !== this.member?.credentialId) {
          const switched = this.member !== null || this.leftBecause !== null;
          this.noteKey(turn, target, {
            credentialId: pick.member.credentialId,
            label: pick.member.label,
            kind: switched ? 'switched' : 'chosen',
            reason: this.leftBecause ? `${this.leftBecause}: now ${pick.choice}` : pick.reason,
          });
          this.member = pick.member;
        }
        this.leftBecause = null;
        return 'ready';
      }
      const why = restLabel(pick.soonest.restKind ?? 'rate_limited', pick.soonest.restReason);
      const until = describeUntil(pick.earliest, now);
      const who =
        pool.length === 1
          ? `${target.providerLabel} key "${pool[0]?.label}" rests`
          : `${target.providerLabel} keys all rest`;
      const waitMs = pick.earliest ? pick.earliest.getTime() - now.getTime() : Number.POSITIVE_INFINITY;
      // One budget of waiting per call: other workers resting the keys again cannot stretch it.
      this.waitDeadline ??= now.getTime() + policy.waitMaxSeconds * 1000;
      if (pick.earliest && pick.earliest.getTime() <= this.waitDeadline) {
        this.noteKey(turn, target, {
          credentialId: null,
          label: null,
          kind: 'waited',
          reason: `${who} ${until} (${why}): waiting ${Math.ceil(waitMs / 1000)} s (limit ${policy.waitMaxSeconds} s)`,
        });
        this.member = null;
        this.leftBecause = 'the rest ended';
        await sleep(Math.max(0, waitMs), request.signal);
        continue;
      }
      const info: ProviderErrorInfo = {
        class: pick.soonest.restKind === 'rate_limited' ? 'rate_limited' : 'quota_exhausted',
        action: 'fallback',
        httpStatus: null,
        providerCode: POOL_RESTING_CODE,
        message: pick.earliest
          ? `${who} ${until} (${why}): add a key or a fallback`
          : `${who} ${until} (${why}: ${providerWords(pick.soonest.restReason)}): top up the account and edit the credential, add a key, or add a fallback`,
        retryAfterMs: null,
        ...(pick.earliest ? { resetAt: pick.earliest.toISOString(), resetFrom: 'the pool' } : {}),
      };
      this.noteKey(turn, target, {
        credentialId: null,
        label: null,
        kind: 'exhausted',
        reason: info.message,
      });
      this.member = null;
      this.leftBecause = null;
      if (this.hop(info, conversation, request)) return 'hopped';
      throw new ProviderError(info);
    }
  }

  async call(turn: number, request: Omit<ModelRequest, 'thinking'>, messages: Message[]): Promise<ModelTurn> {
    const policy = this.o.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const sleep = this.o.sleep ?? abortableSleep;
    let conversation = messages;
    let compacted = false;
    let attempt = 0;
    // Limit errors answered by resting a key, in this call: bounded so a pool cannot spin forever.
    let rests = 0;
    this.waitDeadline = null;
    for (;;) {
      attempt++;
      const target = this.current;
      if (this.pooled(target)) {
        if ((await this.chooseKey(turn, target, request, conversation)) === 'hopped') {
          attempt = 0;
          continue;
        }
      } else this.member = null;
      const member = this.member;
      const started = Date.now();
      try {
        const client = await this.client();
        if (!client && member) {
          // Deleted from Settings → Integrations while the phase ran: go on with the rest of the pool.
          this.gone.add(member.credentialId);
          this.leftBecause = `"${member.label}" no longer exists`;
          this.member = null;
          attempt = 0;
          continue;
        }
        if (!client) throw new Error('no client');
        const result = await client.complete({
          ...request,
          messages: conversation,
          thinking: target.thinking,
        });
        this.attempts.push(this.record(turn, attempt, target, started, null));
        await this.observe(member, result.rateLimits);
        return result;
      } catch (err) {
        const failure = toProviderError(err, { signal: request.signal, now: this.o.now });
        const info = failure.info;
        if (info.class === 'cancelled') throw new ProviderError(info, { cause: err });
        await this.observe(member, failure.rateLimits);
        const rest =
          member && this.o.keyStore && rests < policy.maxAttempts * (target.pool?.length ?? 1)
            ? restForError(info, this.now(), this.defaultRestMs(info, rests))
            : null;
        if (member && rest) {
          // The key rests for every worker; the next pick serves this same call with another one.
          rests++;
          this.attempts.push(this.record(turn, attempt, target, started, info));
          await this.o.keyStore?.rest(member.credentialId, rest, this.now());
          // Read the secret again when the key comes back: an admin may have replaced it meanwhile.
          this.clients.delete(`${this.index}:${member.credentialId}`);
          this.leftBecause = `"${member.label}" rests ${describeUntil(rest.until, this.now())} (${restLabel(rest.kind, rest.reason)}, ${rest.untilFrom})`;
          this.member = null;
          attempt = 0;
          continue;
        }
        // A pool key that kept hitting limits after every rest this call allowed: no more retries.
        const spent = member !== null && this.o.keyStore !== undefined && restKindOf(info) !== null;
        const decision = spent
          ? ({ retry: false, reason: `limits after ${rests} rests` } as const)
          : decideRetry(info, attempt, policy, this.o.random);
        const record = this.record(
          turn,
          attempt,
          target,
          started,
          info,
          decision.retry ? decision.waitMs : undefined,
        );
        this.attempts.push(record);
        if (decision.retry) {
          this.o.onEvent({ type: 'retry', attempt: record, waitMs: decision.waitMs, error: info });
          await sleep(decision.waitMs, request.signal);
          continue;
        }
        if (info.action === 'compact' && this.o.compact && !compacted) {
          conversation = await this.o.compact(conversation);
          compacted = true;
          attempt = 0;
          continue;
        }
        if (info.action === 'fail' || !this.hop(info, conversation, request))
          throw new ProviderError(info, { cause: err, rateLimits: failure.rateLimits });
        attempt = 0;
      }
    }
  }

  /** The rest when the provider states no reset: the backoff for rate limits, longer for quotas. */
  private defaultRestMs(info: ProviderErrorInfo, rests: number): number {
    const policy = this.o.retryPolicy ?? DEFAULT_RETRY_POLICY;
    if (info.class === 'quota_exhausted') return DEFAULT_QUOTA_REST_MS;
    return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** rests);
  }

  private record(
    turn: number,
    attempt: number,
    target: RouteTarget,
    started: number,
    error: ProviderErrorInfo | null,
    waitMs?: number,
  ): AttemptRecord {
    return {
      at: this.stamp(),
      turn,
      attempt,
      provider: target.provider,
      model: target.model,
      outcome: error ? 'error' : 'ok',
      latencyMs: Date.now() - started,
      ...(this.member ? { credentialLabel: this.member.label } : {}),
      ...(error
        ? {
            errorClass: error.class,
            action: error.action,
            httpStatus: error.httpStatus,
            providerCode: error.providerCode,
            message: error.message,
          }
        : {}),
      ...(waitMs !== undefined ? { waitMs } : {}),
    };
  }

  /** Move to the next fallback that fits; unfit ones are recorded as skipped hops. */
  private hop(
    error: ProviderErrorInfo,
    messages: Message[],
    request: Omit<ModelRequest, 'thinking'>,
  ): boolean {
    const from = this.current;
    const needs = {
      tools: (request.tools?.length ?? 0) > 0,
      conversationTokens: estimateTokens(request.system, messages),
      error,
      current: from,
    };
    for (let next = this.index + 1; next < this.targets.length; next++) {
      const candidate = this.targets[next];
      if (!candidate) continue;
      const unfit = fallbackUnfitReason(candidate, needs);
      const hop: HopRecord = {
        at: this.stamp(),
        from: { provider: from.provider, model: from.model },
        to: { provider: candidate.provider, model: candidate.model },
        reason: unfit ? `skipped: ${unfit}` : `${error.class}: ${error.message}`,
        skipped: unfit !== null,
      };
      this.hops.push(hop);
      if (unfit) continue;
      this.index = next;
      this.member = null;
      this.o.onEvent({ type: 'fallback', hop, from: hop.from, to: hop.to, reason: error.class });
      return true;
    }
    return false;
  }
}
