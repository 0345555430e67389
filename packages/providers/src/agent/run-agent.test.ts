import { type FakeLlmServer, type FakeTurn, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../messages/types';
import type { Protocol } from '../registry/ids';
import { resolveRoutingForPhase } from '../routing/resolve';
import type { AgentEvent } from './events';
import { runAgent } from './run-agent';

const TOOLS: ToolSpec[] = [
  {
    name: 'Read',
    description: 'Read a file',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
  },
];

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlm({});
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

/** The coding phase routed to the fake server on one protocol, with a Z.AI fallback on the other. */
function routingFor(protocol: Protocol) {
  const primary = protocol === 'anthropic-messages' ? 'anthropic' : 'openai';
  return resolveRoutingForPhase('coding', {
    profile: {
      phases: {
        coding: {
          provider: primary,
          model: 'sonnet',
          thinking: 'none',
          fallbacks: [{ provider: protocol === 'anthropic-messages' ? 'zai' : 'anthropic', model: 'sonnet' }],
        },
      },
    },
    env: {
      ANTHROPIC_API_KEY: 'test-anthropic',
      ANTHROPIC_BASE_URL: server.url,
      OPENAI_API_KEY: 'test-openai',
      OPENAI_BASE_URL: `${server.url}/v1`,
      ZAI_API_KEY: 'test-zai',
      ZAI_BASE_URL: `${server.url}/api/paas/v4`,
    },
  });
}

function rateLimit(protocol: Protocol): FakeTurn {
  const body =
    protocol === 'anthropic-messages'
      ? { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } }
      : { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } };
  return { kind: 'error', status: 429, body, headers: { 'retry-after': '1' } };
}

function quota(protocol: Protocol): FakeTurn {
  const body =
    protocol === 'anthropic-messages'
      ? { type: 'error', error: { type: 'billing_error', message: 'Your credit balance is too low' } }
      : {
          error: {
            message: 'You exceeded your current quota',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        };
  return { kind: 'error', status: protocol === 'anthropic-messages' ? 400 : 429, body };
}

const env = {
  ANTHROPIC_API_KEY: 'test-anthropic',
  OPENAI_API_KEY: 'test-openai',
  ZAI_API_KEY: 'test-zai',
};

describe.each(['anthropic-messages', 'openai-chat'] as const)(
  'runAgent through fake-llm on %s',
  (protocol) => {
    it('completes tool call → result → tool call → final text', async () => {
      server.setScript({
        turns: [
          {
            kind: 'reply',
            text: 'Reading.',
            toolCalls: [{ id: 'c1', name: 'Read', arguments: { path: 'a.txt' } }],
            usage: { inputTokens: 10, outputTokens: 5 },
          },
          {
            kind: 'reply',
            toolCalls: [{ id: 'c2', name: 'Read', arguments: { path: 'b.txt' } }],
            usage: { inputTokens: 20, outputTokens: 5 },
          },
          { kind: 'reply', text: 'Both files read.', usage: { inputTokens: 30, outputTokens: 7 } },
        ],
      });
      const events: AgentEvent[] = [];
      const executed: string[] = [];
      const result = await runAgent({
        routing: routingFor(protocol),
        system: 'You are a coder.',
        messages: [{ role: 'user', content: 'Read a.txt and b.txt' }],
        tools: TOOLS,
        env,
        executeTool: async (call) => {
          executed.push(String(call.arguments.path));
          return { content: `contents of ${call.arguments.path}` };
        },
        onEvent: (e) => events.push(e),
      });
      expect(result.status).toBe('completed');
      expect(result.finalText).toBe('Both files read.');
      expect(executed).toEqual(['a.txt', 'b.txt']);
      expect(result.turns).toBe(3);
      expect(result.usage).toMatchObject({ inputTokens: 60, outputTokens: 17 });
      expect(
        events.filter((e) => e.type === 'tool_result').map((e) => e.type === 'tool_result' && e.content),
      ).toEqual(['contents of a.txt', 'contents of b.txt']);
      expect(events.filter((e) => e.type === 'usage')).toHaveLength(3);
      // The second request carries the first tool result back in the protocol's own shape.
      const second = JSON.stringify(server.requests[1]?.body);
      expect(second).toContain('contents of a.txt');
      expect(second).toContain(protocol === 'anthropic-messages' ? '"tool_result"' : '"role":"tool"');
      expect(result.routing.attempts.map((a) => a.outcome)).toEqual(['ok', 'ok', 'ok']);
    });

    it('retries a 429 with retry-after: 1 after at least one second (real clock)', async () => {
      server.setScript({ turns: [rateLimit(protocol), { kind: 'reply', text: 'ok' }] });
      const events: AgentEvent[] = [];
      const started = Date.now();
      const result = await runAgent({
        routing: routingFor(protocol),
        messages: [{ role: 'user', content: 'hi' }],
        env,
        executeTool: async () => ({ content: '' }),
        onEvent: (e) => events.push(e),
      });
      const gap = (server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0);
      expect(result.status).toBe('completed');
      expect(gap).toBeGreaterThanOrEqual(1000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      const retry = events.find((e) => e.type === 'retry');
      expect(retry).toMatchObject({
        type: 'retry',
        waitMs: 1000,
        error: { class: 'rate_limited', retryAfterMs: 1000 },
      });
      expect(result.routing.attempts.map((a) => [a.outcome, a.errorClass, a.waitMs])).toEqual([
        ['error', 'rate_limited', 1000],
        ['ok', undefined, undefined],
      ]);
    });

    it('moves to the next fallback on an exhausted quota and emits a fallback event', async () => {
      server.setScript({ turns: [quota(protocol), { kind: 'reply', text: 'from the fallback' }] });
      const events: AgentEvent[] = [];
      const routing = routingFor(protocol);
      const result = await runAgent({
        routing,
        messages: [{ role: 'user', content: 'hi' }],
        env,
        executeTool: async () => ({ content: '' }),
        onEvent: (e) => events.push(e),
      });
      expect(result.status).toBe('completed');
      expect(result.finalText).toBe('from the fallback');
      const fallback = events.find((e) => e.type === 'fallback');
      expect(fallback).toMatchObject({
        type: 'fallback',
        from: { provider: routing.provider, model: routing.model },
        to: { provider: routing.fallbacks[0]?.provider, model: routing.fallbacks[0]?.model },
        reason: 'quota_exhausted',
      });
      expect(events.some((e) => e.type === 'retry')).toBe(false);
      expect(result.routing.hops).toHaveLength(1);
      expect(server.requests.map((r) => r.protocol)).toEqual([
        protocol,
        protocol === 'anthropic-messages' ? 'openai-chat' : 'anthropic-messages',
      ]);
    });

    it('retries a stream that goes quiet past the idle limit as a timeout; a shorter stall is waited out', async () => {
      server.setScript({
        turns: [
          { kind: 'reply', text: 'I stall for ever', hang: true },
          { kind: 'reply', text: 'slow but whole', stall: { afterChunks: 1, ms: 100 } },
        ],
      });
      const events: AgentEvent[] = [];
      const result = await runAgent({
        routing: routingFor(protocol),
        messages: [{ role: 'user', content: 'hi' }],
        env,
        streamIdleMs: 600,
        random: () => 0, // no backoff wait before the retry
        executeTool: async () => ({ content: '' }),
        onEvent: (e) => events.push(e),
      });
      expect(result.status).toBe('completed');
      expect(result.finalText).toBe('slow but whole');
      expect(result.routing.attempts.map((a) => [a.outcome, a.errorClass])).toEqual([
        ['error', 'timeout'],
        ['ok', undefined],
      ]);
      const retry = events.find((e) => e.type === 'retry');
      expect(retry?.type === 'retry' && retry.error.message).toMatch(/stalled: nothing arrived for 1 s/);
    });

    it('takes every byte as a sign of life: a trickle slower than the idle limit per event is not a stall', async () => {
      // 60-byte writes every 150 ms: whole SSE events arrive further apart than the 400 ms limit,
      // as when a provider sends keep-alives or a large event slowly.
      server.setScript({
        turns: [{ kind: 'reply', text: 'slow but alive', splitEvery: 60, chunkDelayMs: 150 }],
      });
      const result = await runAgent({
        routing: routingFor(protocol),
        messages: [{ role: 'user', content: 'hi' }],
        env,
        streamIdleMs: 400,
        executeTool: async () => ({ content: '' }),
      });
      expect(result.status).toBe('completed');
      expect(result.finalText).toBe('slow but alive');
      expect(result.routing.attempts.map((a) => a.outcome)).toEqual(['ok']);
    }, 20_000);

    it('stops a hung stream within 200 ms of abort', async () => {
      server.setScript({ turns: [{ kind: 'reply', text: 'I will never finish this sentence', hang: true }] });
      const controller = new AbortController();
      let abortedAt = 0;
      const pending = runAgent({
        routing: routingFor(protocol),
        messages: [{ role: 'user', content: 'hi' }],
        env,
        signal: controller.signal,
        executeTool: async () => ({ content: '' }),
      });
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 150);
      const result = await pending;
      expect(Date.now() - abortedAt).toBeLessThan(200);
      expect(result.status).toBe('cancelled');
      expect(result.routing.attempts.every((a) => a.errorClass !== 'stream_interrupted')).toBe(true);
    });
  },
);

describe('runAgent failures', () => {
  it('fails fast on auth and names the credential to fix', async () => {
    server.setScript({
      turns: [
        {
          kind: 'error',
          status: 401,
          body: { error: { code: '1002', message: 'Authorization Token is invalid' } },
        },
      ],
    });
    const routing = resolveRoutingForPhase('coding', {
      task: { provider: 'zai' },
      env: { GLM_API_KEY: 'bad', ZAI_BASE_URL: `${server.url}/api/paas/v4` },
    });
    const result = await runAgent({
      routing,
      messages: [{ role: 'user', content: 'hi' }],
      env: { GLM_API_KEY: 'bad' },
      executeTool: async () => ({ content: '' }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.class).toBe('auth');
    expect(result.error?.message).toBe(
      "Z.AI rejected the worker's GLM_API_KEY: Authorization Token is invalid",
    );
    expect(server.requests).toHaveLength(1);
  });

  it('names a rejected team credential by its label, not its id', async () => {
    server.setScript({
      turns: [{ kind: 'error', status: 401, body: { error: { code: '1002', message: 'Token is invalid' } } }],
    });
    const routing = resolveRoutingForPhase('coding', {
      task: { provider: 'zai' },
      teamCredentials: [
        {
          id: 'cred-7',
          provider: 'zai',
          label: 'GLM coding plan',
          protocol: 'openai-chat',
          baseUrl: `${server.url}/api/paas/v4`,
          isDefault: true,
        },
      ],
    });
    const result = await runAgent({
      routing,
      messages: [{ role: 'user', content: 'hi' }],
      getApiKey: async () => 'stale-key',
      executeTool: async () => ({ content: '' }),
    });
    expect(result.error?.message).toBe(
      'Z.AI rejected credential "GLM coding plan" in Settings → Integrations → Z.AI: Token is invalid',
    );
  });

  it('answers a call to an unknown tool with an error result', async () => {
    server.setScript({
      turns: [
        { kind: 'reply', toolCalls: [{ id: 'x', name: 'Delete', arguments: {} }] },
        { kind: 'reply', text: 'sorry' },
      ],
    });
    const events: AgentEvent[] = [];
    const result = await runAgent({
      routing: routingFor('openai-chat'),
      messages: [{ role: 'user', content: 'hi' }],
      tools: TOOLS,
      env,
      executeTool: async () => ({ content: 'should not run' }),
      onEvent: (e) => events.push(e),
    });
    expect(result.status).toBe('completed');
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({
      content: 'Unknown tool "Delete".',
      isError: true,
    });
  });
});

describe('conversation compaction', () => {
  it('summarises older turns in place before a call that nears the context window', async () => {
    server.setScript({
      turns: [
        { kind: 'reply', toolCalls: [{ id: 'c1', name: 'Read', arguments: { path: 'big-1.txt' } }] },
        { kind: 'reply', toolCalls: [{ id: 'c2', name: 'Read', arguments: { path: 'big-2.txt' } }] },
        { kind: 'reply', text: 'Done.' },
      ],
    });
    const compactions: number[] = [];
    const result = await runAgent({
      routing: routingFor('openai-chat'),
      messages: [{ role: 'user', content: 'Read the big files' }],
      tools: TOOLS,
      env,
      executeTool: async (call) => ({ content: `${String(call.arguments.path)}: ${'x'.repeat(4_000)}` }),
      compactAboveTokens: 1_500,
      compact: async (messages) => {
        compactions.push(messages.length);
        // Keep the task and the latest assistant turn with its tool results; summarise the rest.
        return [
          { role: 'user', content: 'Read the big files\n\nSummary of earlier work: read big-1.txt.' },
          ...messages.slice(-2),
        ];
      },
    });
    expect(result.status).toBe('completed');
    expect(compactions).toEqual([5]); // before the third call only: the second was still small
    const last = JSON.stringify(server.requests.at(-1)?.body);
    expect(last).toContain('Summary of earlier work');
    expect(last).not.toContain('big-1.txt: xxx');
  });
});
