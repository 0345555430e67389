import { createModelClient } from '../adapters/create-client';
import { ProviderError, type ProviderErrorInfo } from '../errors/classes';
import { toProviderError } from '../errors/from-exception';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from '../errors/retry-policy';
import { abortableSleep, type Sleep } from '../errors/sleep';
import { restForError, restKindOf } from '../keys/rest';
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
import { PoolKeys } from './pool-keys';

/** The secret for a target; with a pool, for the member chosen for the call. */
export type GetApiKey = (
  target: RouteTarget,
  member?: PoolMember,
) => string | null | undefined | Promise<string | null | undefined>;

/** A quota window without a stated reset rests its key this long (rate limits back off instead). */
export const DEFAULT_QUOTA_REST_MS = 10 * 60_000;

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
  private index = 0;
  /** The team credentials of the current target's pool, when there is one and a shared store. */
  private readonly pool: PoolKeys | null;
  private readonly targets: RouteTarget[];
  private readonly clients = new Map<string, ModelClient>();

  constructor(private readonly o: ResilienceOptions) {
    this.targets = [o.routing, ...o.routing.fallbacks];
    this.pool = o.keyStore
      ? new PoolKeys({
          store: o.keyStore,
          policy: o.routing.keyPolicy ?? DEFAULT_KEY_POLICY,
          now: () => this.now(),
          sleep: o.sleep ?? abortableSleep,
          random: o.random,
          onEvent: o.onEvent,
        })
      : null;
  }

  /** Which pool key served each call, and why. */
  get keys(): KeyChoiceRecord[] {
    return this.pool?.records ?? [];
  }

  get current(): RouteTarget {
    return this.targets[this.index] ?? this.o.routing;
  }

  /** The pool credential serving the current target, when it has a pool. */
  get credential(): PoolMember | null {
    return this.pool?.current ?? null;
  }

  /** The client for the current target and key; null when the pool key has no secret any more. */
  private async client(member: PoolMember | null): Promise<ModelClient | null> {
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
    return Boolean(this.pool && target.pool && target.pool.length > 0);
  }

  async call(turn: number, request: Omit<ModelRequest, 'thinking'>, messages: Message[]): Promise<ModelTurn> {
    const policy = this.o.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const sleep = this.o.sleep ?? abortableSleep;
    let conversation = messages;
    let compacted = false;
    let attempt = 0;
    // Limit errors answered by resting a key, in this call: bounded so a pool cannot spin forever.
    let rests = 0;
    this.pool?.startCall();
    for (;;) {
      attempt++;
      const target = this.current;
      let member: PoolMember | null = null;
      if (this.pooled(target) && this.pool) {
        const chosen = await this.pool.choose(turn, target, request.signal);
        if (!('credentialId' in chosen)) {
          if (!this.hop(chosen, conversation, request)) throw new ProviderError(chosen);
          attempt = 0;
          continue;
        }
        member = chosen;
      }
      const started = Date.now();
      try {
        const client = await this.client(member);
        if (!client) {
          // Deleted from Settings → Integrations while the phase ran: go on with the rest of the pool.
          if (member) this.pool?.drop(member);
          attempt = 0;
          continue;
        }
        const result = await client.complete({
          ...request,
          messages: conversation,
          thinking: target.thinking,
        });
        this.attempts.push(this.record(turn, attempt, target, started, null, member));
        await this.pool?.observe(member, result.rateLimits);
        return result;
      } catch (err) {
        const failure = toProviderError(err, { signal: request.signal, now: this.o.now });
        const info = failure.info;
        if (info.class === 'cancelled') throw new ProviderError(info, { cause: err });
        await this.pool?.observe(member, failure.rateLimits);
        const rest =
          member && this.pool && rests < policy.maxAttempts * (target.pool?.length ?? 1)
            ? restForError(info, this.now(), this.defaultRestMs(info, rests))
            : null;
        if (member && rest) {
          // The key rests for every worker; the next pick serves this same call with another one.
          rests++;
          this.attempts.push(this.record(turn, attempt, target, started, info, member));
          await this.pool?.rest(member, rest);
          // Read the secret again when the key comes back: an admin may have replaced it meanwhile.
          this.clients.delete(`${this.index}:${member.credentialId}`);
          attempt = 0;
          continue;
        }
        // A pool key that kept hitting limits after every rest this call allowed: no more retries.
        const spent = member !== null && this.pool !== null && restKindOf(info) !== null;
        const decision = spent
          ? ({ retry: false, reason: `limits after ${rests} rests` } as const)
          : decideRetry(info, attempt, policy, this.o.random);
        const record = this.record(
          turn,
          attempt,
          target,
          started,
          info,
          member,
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
    member: PoolMember | null,
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
      ...(member ? { credentialLabel: member.label } : {}),
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
      this.pool?.leaveTarget();
      this.o.onEvent({ type: 'fallback', hop, from: hop.from, to: hop.to, reason: error.class });
      return true;
    }
    return false;
  }
}
