import { createModelClient } from '../adapters/create-client';
import { ProviderError, type ProviderErrorInfo } from '../errors/classes';
import { toProviderError } from '../errors/from-exception';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from '../errors/retry-policy';
import { abortableSleep, type Sleep } from '../errors/sleep';
import { estimateTokens } from '../messages/conversation';
import type { ClientConfig, Message, ModelClient, ModelRequest, ModelTurn } from '../messages/types';
import { createProviderRegistry } from '../registry/registry';
import type { AttemptRecord, HopRecord, PhaseRouting, RouteTarget } from '../routing/schemas';
import type { AgentEvent } from './events';
import { fallbackUnfitReason } from './fallback';

export type GetApiKey = (
  target: RouteTarget,
) => string | null | undefined | Promise<string | null | undefined>;

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
}

/**
 * Calls the phase's model with retries, then its fallbacks in order, recording every attempt,
 * wait and hop in `attempts` / `hops`. The target in use persists across turns of a session.
 */
export class ResilientCaller {
  readonly attempts: AttemptRecord[] = [];
  readonly hops: HopRecord[] = [];
  private index = 0;
  private readonly targets: RouteTarget[];
  private readonly clients = new Map<number, ModelClient>();

  constructor(private readonly o: ResilienceOptions) {
    this.targets = [o.routing, ...o.routing.fallbacks];
  }

  get current(): RouteTarget {
    return this.targets[this.index] ?? this.o.routing;
  }

  private async client(): Promise<ModelClient> {
    const existing = this.clients.get(this.index);
    if (existing) return existing;
    const t = this.current;
    const config: ClientConfig = {
      protocol: t.protocol,
      provider: t.provider,
      baseUrl: t.baseUrl ?? '',
      apiKey: (await this.o.getApiKey(t)) ?? null,
      authScheme: t.authScheme,
      model: t.model,
      timeoutMs: this.o.timeoutMs,
      streamIdleMs: this.o.streamIdleMs,
      // Custom OpenAI-compatible servers are assumed DeepSeek-like: replaying reasoning is harmless there.
      replaysReasoningContent: createProviderRegistry().find(t.provider)?.replaysReasoningContent ?? true,
    };
    const client = (this.o.createClient ?? createModelClient)(config);
    this.clients.set(this.index, client);
    return client;
  }

  private stamp(): string {
    return (this.o.now?.() ?? new Date()).toISOString();
  }

  async call(turn: number, request: Omit<ModelRequest, 'thinking'>, messages: Message[]): Promise<ModelTurn> {
    const policy = this.o.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const sleep = this.o.sleep ?? abortableSleep;
    let conversation = messages;
    let compacted = false;
    let attempt = 0;
    for (;;) {
      attempt++;
      const target = this.current;
      const started = Date.now();
      try {
        const client = await this.client();
        const result = await client.complete({
          ...request,
          messages: conversation,
          thinking: target.thinking,
        });
        this.attempts.push(this.record(turn, attempt, target, started, null));
        return result;
      } catch (err) {
        const info = toProviderError(err, { signal: request.signal }).info;
        if (info.class === 'cancelled') throw new ProviderError(info, { cause: err });
        const decision = decideRetry(info, attempt, policy, this.o.random);
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
          throw new ProviderError(info, { cause: err });
        attempt = 0;
      }
    }
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
      this.o.onEvent({ type: 'fallback', hop, from: hop.from, to: hop.to, reason: error.class });
      return true;
    }
    return false;
  }
}
