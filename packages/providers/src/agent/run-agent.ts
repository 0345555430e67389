import { findModel } from '../catalog';
import { ProviderError, type ProviderErrorInfo } from '../errors/classes';
import { toProviderError } from '../errors/from-exception';
import type { RetryPolicy } from '../errors/retry-policy';
import type { Sleep } from '../errors/sleep';
import type { KeyStore } from '../keys/store';
import { estimateTokens } from '../messages/conversation';
import type { ClientConfig, Message, ModelClient, ToolCall, ToolSpec, UserPart } from '../messages/types';
import type { PhaseRouting } from '../routing/schemas';
import { addUsage, costOf, type Usage, ZERO_USAGE } from '../usage/usage';
import type { AgentEvent } from './events';
import { type GetApiKey, ResilientCaller } from './resilient-call';

export interface ToolOutcome {
  content: string;
  isError?: boolean;
}

export type ExecuteTool = (call: ToolCall, context: { signal: AbortSignal }) => Promise<ToolOutcome>;

export interface RunAgentOptions {
  routing: PhaseRouting;
  system?: string;
  messages: Message[];
  tools?: ToolSpec[];
  /** Runs one tool call (the tools live in the worker). */
  executeTool: ExecuteTool;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
  /** Model calls before giving up (default 50). */
  maxTurns?: number;
  /** The secret for a target (the worker decrypts team credentials). Defaults to `env` lookups. */
  getApiKey?: GetApiKey;
  /** The worker environment, for targets whose credential source is `env`. */
  env?: Record<string, string | undefined>;
  stream?: boolean;
  maxOutputTokens?: number;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
  createClient?: (config: ClientConfig) => ModelClient;
  compact?: (messages: Message[]) => Promise<Message[]>;
  /**
   * Conversation compaction (§3): before a call whose conversation is estimated above this many
   * tokens, `compact` summarises older turns in place. Default: 80% of the model's context window
   * from the catalog (no compaction for models the catalog does not know).
   */
  compactAboveTokens?: number;
  timeoutMs?: number;
  /** See DEFAULT_STREAM_IDLE_MS. */
  streamIdleMs?: number;
  /** Shared state of credential pools (docs/decisions/0013); without it a pool's first key is used. */
  keyStore?: KeyStore;
}

/** Share of the context window a conversation may fill before it is compacted. */
export const COMPACT_AT_SHARE = 0.8;

export type AgentStatus = 'completed' | 'max_turns' | 'cancelled' | 'failed';

export interface AgentResult {
  status: AgentStatus;
  messages: Message[];
  finalText: string;
  turns: number;
  usage: Usage;
  /** Null when some call used a model without a catalog price. */
  costUsd: number | null;
  /** The routing decision with this run's attempts and hops appended. */
  routing: PhaseRouting;
  error: ProviderErrorInfo | null;
}

function cancelledInfo(): ProviderErrorInfo {
  return {
    class: 'cancelled',
    action: 'fail',
    httpStatus: null,
    providerCode: null,
    message: 'Cancelled',
    retryAfterMs: null,
  };
}

/** Auth errors name the credential to fix (§5): the pool key in use when there is one. */
function explain(
  info: ProviderErrorInfo,
  routing: PhaseRouting,
  provider: string,
  poolKey: string | undefined,
): ProviderErrorInfo {
  if (info.class !== 'auth') return info;
  const target = [routing, ...routing.fallbacks].find((t) => t.provider === provider) ?? routing;
  const source = target.credential;
  const which = poolKey
    ? `credential "${poolKey}" in Settings → Integrations → ${target.providerLabel}`
    : source.kind === 'env'
      ? `the worker's ${source.envName}`
      : source.kind === 'profile' || source.kind === 'team_default'
        ? `credential ${source.label ? `"${source.label}"` : source.credentialId} in Settings → Integrations → ${target.providerLabel}`
        : `the ${target.providerLabel} credential`;
  return { ...info, message: `${target.providerLabel} rejected ${which}: ${info.message}` };
}

/**
 * The agent loop (§5): stream the model, run its tool calls through `executeTool`, feed the results
 * back, until the model answers without tool calls, `maxTurns` is reached, an error cannot be
 * retried or fallen back from, or `signal` aborts.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentResult> {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const emit = (event: AgentEvent) => options.onEvent?.(event);
  const env = options.env ?? {};
  const caller = new ResilientCaller({
    routing: options.routing,
    getApiKey:
      options.getApiKey ?? ((t) => (t.credential.kind === 'env' ? env[t.credential.envName] : undefined)),
    onEvent: emit,
    retryPolicy: options.retryPolicy,
    sleep: options.sleep,
    random: options.random,
    now: options.now,
    createClient: options.createClient,
    compact: options.compact,
    timeoutMs: options.timeoutMs,
    streamIdleMs: options.streamIdleMs,
    keyStore: options.keyStore,
  });
  let messages = [...options.messages];
  const toolNames = new Set((options.tools ?? []).map((t) => t.name));
  let usage = ZERO_USAGE;
  let cost: number | null = 0;
  let finalText = '';
  let turns = 0;

  const result = (status: AgentStatus, error: ProviderErrorInfo | null = null): AgentResult => {
    if (error) emit({ type: 'error', error });
    return {
      status,
      messages,
      finalText,
      turns,
      usage,
      costUsd: cost,
      routing: {
        ...options.routing,
        attempts: [...options.routing.attempts, ...caller.attempts],
        hops: [...options.routing.hops, ...caller.hops],
        keys: [...(options.routing.keys ?? []), ...caller.keys],
      },
      error,
    };
  };

  try {
    while (turns < (options.maxTurns ?? 50)) {
      if (signal.aborted) return result('cancelled', cancelledInfo());
      turns++;
      const target = caller.current;
      const model = findModel(target.provider, target.model);
      const limit =
        options.compactAboveTokens ?? (model ? Math.floor(model.contextWindow * COMPACT_AT_SHARE) : Infinity);
      if (options.compact && turns > 1 && estimateTokens(options.system, messages) > limit) {
        messages = await options.compact(messages);
      }
      // A model that cannot call tools gets none offered (noted in the routing decision).
      const tools = model?.supportsTools === false ? [] : options.tools;
      const turn = await caller.call(
        turns,
        {
          system: options.system,
          messages,
          tools,
          maxOutputTokens: options.maxOutputTokens,
          stream: options.stream ?? true,
          signal,
          onDelta: (d) =>
            emit(
              d.type === 'text'
                ? { type: 'assistant_text', text: d.text }
                : { type: 'reasoning', text: d.text },
            ),
        },
        messages,
      );
      const used = caller.current;
      usage = addUsage(usage, turn.usage);
      const turnCost = costOf(used.provider, used.model, turn.usage);
      cost = cost === null || turnCost === null ? null : Math.round((cost + turnCost) * 1e8) / 1e8;
      emit({
        type: 'usage',
        usage: turn.usage,
        costUsd: turnCost,
        provider: used.provider,
        model: used.model,
      });
      messages.push(turn.message);
      finalText = turn.text;

      if (turn.toolCalls.length === 0) {
        if (turn.incompleteToolCalls.length === 0) return result('completed');
        // A call cut off by the output limit is never executed; ask the model to try again smaller.
        const names = turn.incompleteToolCalls.map((c) => c.name).join(', ');
        messages.push({
          role: 'user',
          content: `Your call to ${names} was cut off by the output limit and was not run. Retry with smaller arguments.`,
        });
        continue;
      }

      const results: UserPart[] = [];
      for (const call of turn.toolCalls) {
        if (signal.aborted) return result('cancelled', cancelledInfo());
        emit({ type: 'tool_call', call });
        let outcome: ToolOutcome;
        if (!toolNames.has(call.name)) outcome = { content: `Unknown tool "${call.name}".`, isError: true };
        else {
          try {
            outcome = await options.executeTool(call, { signal });
          } catch (err) {
            if (signal.aborted) return result('cancelled', cancelledInfo());
            outcome = { content: err instanceof Error ? err.message : String(err), isError: true };
          }
        }
        const isError = outcome.isError ?? false;
        emit({
          type: 'tool_result',
          toolCallId: call.id,
          name: call.name,
          content: outcome.content,
          isError,
        });
        results.push({ type: 'tool_result', toolCallId: call.id, content: outcome.content, isError });
      }
      messages.push({ role: 'user', content: results });
    }
    return result('max_turns');
  } catch (err) {
    const info = (err instanceof ProviderError ? err : toProviderError(err, { signal })).info;
    if (info.class === 'cancelled' || signal.aborted) return result('cancelled', cancelledInfo());
    return result(
      'failed',
      explain(info, options.routing, caller.current.provider, caller.credential?.label),
    );
  } finally {
    controller.abort();
  }
}
