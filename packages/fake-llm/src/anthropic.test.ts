import type Anthropic from '@anthropic-ai/sdk';
import { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { thinkingSignature } from './render/anthropic';
import { startFakeLlm } from './server';
import { anthropicClient, WEATHER_TOOL } from './test-clients';

// Every case drives the real @anthropic-ai/sdk against the fake over HTTP.

const fake = await startFakeLlm({ label: 'anthropic-tests' });
const client = anthropicClient(fake.url);
const ask = {
  model: 'claude-opus-5-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('Anthropic Messages through the real SDK', () => {
  it('streams a scripted text reply that the SDK assembles, with usage', async () => {
    fake.setScript({
      turns: [
        { kind: 'reply', text: 'Olá! Streaming works 😊', usage: { inputTokens: 42, outputTokens: 7 } },
      ],
    });
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Olá! Streaming works 😊' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBe(42);
    expect(message.usage.output_tokens).toBe(7);
    expect(message.model).toBe('claude-opus-5-5');
  });

  it('reassembles a tool call whose input arrives in several input_json_delta fragments', async () => {
    const args = { location: 'Florence, Italy', days: 3, units: { temp: 'C' } };
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          text: 'Checking.',
          toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: args }],
        },
      ],
    });
    const stream = client.messages.stream({ ...ask, tools: [WEATHER_TOOL] });
    const fragments: string[] = [];
    stream.on('inputJson', (partial) => fragments.push(partial));
    const message = await stream.finalMessage();
    expect(fragments.length).toBeGreaterThan(3);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      id: 'toolu_1',
      name: 'weather',
      input: args,
    });
  });

  it('sends reasoning as a thinking block with its signature, before text', async () => {
    fake.setScript({ turns: [{ kind: 'reply', reasoning: 'The user greets me.', text: 'Hello!' }] });
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: 'The user greets me.',
      signature: thinkingSignature('The user greets me.'),
    });
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Hello!' });
  });

  it('answers non-streaming requests with a JSON message and derived usage', async () => {
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          reasoning: 'Think.',
          toolCalls: [{ name: 'weather', arguments: { location: 'Rome' } }],
        },
      ],
    });
    const message = await client.messages.create({ ...ask, tools: [WEATHER_TOOL] });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(message.content[1]).toMatchObject({ name: 'weather', input: { location: 'Rome' } });
    expect(message.content[1]).toHaveProperty('id', expect.stringMatching(/^toolu_/));
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('throws the scripted error status with its headers and body', async () => {
    const body = { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } };
    fake.setScript({ turns: [{ kind: 'error', status: 429, body, headers: { 'retry-after': '16' } }] });
    const error = await client.messages.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(429);
    expect(apiError.headers?.get('retry-after')).toBe('16');
    expect(apiError.type).toBe('rate_limit_error');
  });

  it('fails the SDK stream when the connection is cut mid-stream', async () => {
    fake.setScript({
      turns: [{ kind: 'reply', text: 'This will never finish properly', cutAfterChunks: 4 }],
    });
    await expect(client.messages.stream(ask).finalMessage()).rejects.toThrow();
    expect(fake.requests).toHaveLength(1);
  });

  it('still parses when the SSE bytes arrive 7 at a time, cutting lines and characters', async () => {
    const text = 'Split across many writes — ünïcödé included.';
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          text,
          toolCalls: [{ name: 'weather', arguments: { location: 'Oslo' } }],
          splitEvery: 7,
        },
      ],
    });
    const message = await client.messages.stream({ ...ask, tools: [WEATHER_TOOL] }).finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'text', text });
    expect(message.content[1]).toMatchObject({ type: 'tool_use', input: { location: 'Oslo' } });
  });

  it('throws on an `event: error` that follows HTTP 200 and some text', async () => {
    fake.setScript({
      turns: [
        {
          kind: 'stream_error',
          afterText: 'Partial',
          error: { type: 'overloaded_error', message: 'Overloaded' },
        },
      ],
    });
    const error = await client.messages
      .stream(ask)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).type).toBe('overloaded_error');
  });

  it('truncates tool input at max_tokens without closing the block', async () => {
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          toolCalls: [{ name: 'weather', arguments: { location: 'Lisbon, Portugal' } }],
          truncateToolJson: true,
        },
      ],
    });
    const stream = await client.messages.create({ ...ask, tools: [WEATHER_TOOL], stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types).not.toContain('content_block_stop');
    const messageDelta = events.find((e) => e.type === 'message_delta');
    expect(messageDelta?.type === 'message_delta' && messageDelta.delta.stop_reason).toBe('max_tokens');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('keeps a hung stream open until the client aborts', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'never', hang: true }] });
    const controller = new AbortController();
    const pending = client.messages.stream(ask, { signal: controller.signal }).finalMessage();
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
