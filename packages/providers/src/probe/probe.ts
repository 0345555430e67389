import { createModelClient } from '../adapters/create-client';
import type { ProviderErrorInfo } from '../errors/classes';
import { toProviderError } from '../errors/from-exception';
import type { FinishReason, ModelClient, ToolSpec } from '../messages/types';
import type { Protocol } from '../registry/ids';
import { createProviderRegistry } from '../registry/registry';

export interface ProbeOptions {
  protocol: Protocol;
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  authScheme?: 'api_key' | 'bearer';
  /** Provider id or alias; any other name is treated as a custom provider. */
  provider?: string;
  stream?: boolean;
  /** Offer one small tool so that the model can answer with a call. */
  tools?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ProbeResult {
  ok: boolean;
  provider: string;
  protocol: Protocol;
  model: string;
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
  usage: { inputTokens: number; outputTokens: number };
  finishReason: FinishReason;
  latencyMs: number;
  error: ProviderErrorInfo | null;
}

export const PROBE_TOOL: ToolSpec = {
  name: 'get_time',
  description: 'Returns the current time in a timezone.',
  inputSchema: {
    type: 'object',
    properties: { timezone: { type: 'string', description: 'IANA timezone, e.g. UTC' } },
    required: ['timezone'],
  },
};

function probeProviderId(options: ProbeOptions): string {
  if (!options.provider) return options.protocol === 'anthropic-messages' ? 'anthropic' : 'openai-compatible';
  return createProviderRegistry().find(options.provider)?.id ?? options.provider.trim();
}

/**
 * One small real call ("Test connection", `switchyard providers check`): one attempt, no retries.
 * Never throws for a provider failure; the error is classified in the result.
 */
export async function probeProvider(
  options: ProbeOptions,
  createClient: (c: Parameters<typeof createModelClient>[0]) => ModelClient = createModelClient,
): Promise<ProbeResult> {
  const provider = probeProviderId(options);
  const started = Date.now();
  const base = { provider, protocol: options.protocol, model: options.model };
  try {
    const client = createClient({
      protocol: options.protocol,
      provider,
      baseUrl: options.baseUrl,
      apiKey: options.apiKey ?? null,
      authScheme: options.authScheme,
      model: options.model,
      timeoutMs: options.timeoutMs ?? 60_000,
      fetch: options.fetch,
    });
    const turn = await client.complete({
      system: 'You are a connection test. Answer briefly.',
      messages: [
        {
          role: 'user',
          content: options.tools ? 'Call get_time with timezone "UTC".' : 'Reply with the single word: ok',
        },
      ],
      tools: options.tools ? [PROBE_TOOL] : undefined,
      maxOutputTokens: 512,
      stream: options.stream ?? false,
      signal: options.signal,
    });
    return {
      ...base,
      ok: true,
      text: turn.text,
      reasoning: turn.reasoning,
      toolCalls: turn.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })),
      usage: { inputTokens: turn.usage.inputTokens, outputTokens: turn.usage.outputTokens },
      finishReason: turn.finishReason,
      latencyMs: Date.now() - started,
      error: null,
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      text: '',
      reasoning: '',
      toolCalls: [],
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: 'error',
      latencyMs: Date.now() - started,
      error: toProviderError(err, { signal: options.signal }).info,
    };
  }
}
