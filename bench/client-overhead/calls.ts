import Anthropic from '@anthropic-ai/sdk';
import {
  createModelClient,
  type ModelClient,
  type PhaseRouting,
  type Protocol,
  resolveRoutingForPhase,
  runAgent,
} from '@switchyard/providers';
import OpenAI from 'openai';
import { MAX_TOKENS, PROMPT, TOOL, TOOL_CALL } from './scenarios';

export type Scenario = 'text' | 'tool';

/** One streamed call; resolves with the time to the first text delta (ms from the start), if any. */
export type Call = () => Promise<{ ttftMs: number | null }>;

const API_KEY = 'bench-key';

/** The phase routing runAgent gets: this protocol's built-in provider, pointed at the fake. */
export function routingFor(protocol: Protocol, fakeUrl: string): PhaseRouting {
  const provider = protocol === 'anthropic-messages' ? 'anthropic' : 'openai';
  return resolveRoutingForPhase('coding', {
    profile: { phases: { coding: { provider, model: 'sonnet', thinking: 'none', fallbacks: [] } } },
    env: {
      ANTHROPIC_API_KEY: API_KEY,
      ANTHROPIC_BASE_URL: fakeUrl,
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: `${fakeUrl}/v1`,
    },
  });
}

/** What a caller of the raw SDK writes at the least: stream, keep the text and the tool arguments. */
function rawAnthropic(sdk: Anthropic, model: string, scenario: Scenario): Call {
  return async () => {
    const started = performance.now();
    let ttftMs: number | null = null;
    let text = '';
    let json = '';
    const stream = await sdk.messages.create({
      model,
      max_tokens: MAX_TOKENS,
      messages: [{ role: 'user', content: PROMPT }],
      ...(scenario === 'tool'
        ? {
            tools: [
              { name: TOOL.name, description: TOOL.description, input_schema: TOOL.inputSchema as never },
            ],
          }
        : {}),
      stream: true,
    });
    for await (const event of stream) {
      if (event.type !== 'content_block_delta') continue;
      if (event.delta.type === 'text_delta') {
        ttftMs ??= performance.now() - started;
        text += event.delta.text;
      } else if (event.delta.type === 'input_json_delta') json += event.delta.partial_json;
    }
    check(scenario, text, json);
    return { ttftMs };
  };
}

function rawOpenAI(sdk: OpenAI, model: string, scenario: Scenario): Call {
  return async () => {
    const started = performance.now();
    let ttftMs: number | null = null;
    let text = '';
    let json = '';
    const stream = await sdk.chat.completions.create({
      model,
      max_completion_tokens: MAX_TOKENS,
      messages: [{ role: 'user', content: PROMPT }],
      ...(scenario === 'tool'
        ? {
            tools: [
              {
                type: 'function' as const,
                function: { name: TOOL.name, description: TOOL.description, parameters: TOOL.inputSchema },
              },
            ],
          }
        : {}),
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) {
        ttftMs ??= performance.now() - started;
        text += delta.content;
      }
      for (const call of delta?.tool_calls ?? []) json += call.function?.arguments ?? '';
    }
    check(scenario, text, json);
    return { ttftMs };
  };
}

function ours(client: ModelClient, scenario: Scenario): Call {
  return async () => {
    const started = performance.now();
    let ttftMs: number | null = null;
    const turn = await client.complete({
      messages: [{ role: 'user', content: PROMPT }],
      tools: scenario === 'tool' ? [TOOL] : undefined,
      maxOutputTokens: MAX_TOKENS,
      stream: true,
      onDelta: (delta) => {
        if (delta.type === 'text') ttftMs ??= performance.now() - started;
      },
    });
    check(scenario, turn.text, turn.toolCalls[0] ? JSON.stringify(turn.toolCalls[0].arguments) : '');
    return { ttftMs };
  };
}

/** runAgent with one turn: routing checks, a client per run, events, usage and cost. */
function agent(routing: PhaseRouting): Call {
  return async () => {
    const started = performance.now();
    let ttftMs: number | null = null;
    const result = await runAgent({
      routing,
      messages: [{ role: 'user', content: PROMPT }],
      executeTool: async () => ({ content: 'unused' }),
      maxTurns: 1,
      maxOutputTokens: MAX_TOKENS,
      env: { ANTHROPIC_API_KEY: API_KEY, OPENAI_API_KEY: API_KEY },
      onEvent: (event) => {
        if (event.type === 'assistant_text') ttftMs ??= performance.now() - started;
      },
    });
    if (result.status !== 'completed')
      throw new Error(`runAgent ended ${result.status}: ${result.error?.message}`);
    return { ttftMs };
  };
}

function check(scenario: Scenario, text: string, json: string): void {
  if (scenario === 'text' && text.length < 100) throw new Error(`short reply: ${JSON.stringify(text)}`);
  if (scenario === 'tool' && (JSON.parse(json) as { city?: string }).city !== TOOL_CALL.arguments.city)
    throw new Error(`bad tool call arguments: ${json}`);
}

export interface Contenders {
  raw: Call;
  ours: Call;
  /** Only for the text scenario: with a tool call runAgent would run the tool and call again. */
  agent?: Call;
}

export function contendersFor(protocol: Protocol, scenario: Scenario, fakeUrl: string): Contenders {
  const routing = routingFor(protocol, fakeUrl);
  const model = routing.model;
  // Ours: the client runAgent would build for this routing (same base URL, key, model, SDK settings).
  const client = createModelClient({
    protocol,
    provider: routing.provider,
    baseUrl: routing.baseUrl ?? fakeUrl,
    apiKey: API_KEY,
    model,
  });
  // The raw SDKs with the settings any production caller would use: no SDK retries.
  const raw =
    protocol === 'anthropic-messages'
      ? rawAnthropic(new Anthropic({ apiKey: API_KEY, baseURL: fakeUrl, maxRetries: 0 }), model, scenario)
      : rawOpenAI(new OpenAI({ apiKey: API_KEY, baseURL: `${fakeUrl}/v1`, maxRetries: 0 }), model, scenario);
  return { raw, ours: ours(client, scenario), ...(scenario === 'text' ? { agent: agent(routing) } : {}) };
}
