import OpenAI from 'openai';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlm } from './server';
import { openAiClient } from './test-clients';

// Every case drives the real `openai` SDK against the fake over HTTP.

const fake = await startFakeLlm({ label: 'openai-tests' });
const client = openAiClient(fake.url);
const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };
const weatherTool = {
  type: 'function' as const,
  function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
};

beforeEach(() => fake.reset());
afterAll(() => fake.close());

type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;
async function collect(stream: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('OpenAI Chat Completions through the real SDK', () => {
  it('streams a scripted text reply and a final usage chunk when include_usage is set', async () => {
    fake.setScript({
      turns: [{ kind: 'reply', text: 'Olá! It works 😊', usage: { inputTokens: 20, outputTokens: 5 } }],
    });
    const chunks = await collect(
      await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } }),
    );
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Olá! It works 😊');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 });
  });

  it('sends no usage chunk when the client did not ask for one', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'Hi' }] });
    const chunks = await collect(await client.chat.completions.create({ ...ask, stream: true }));
    expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
  });

  it('reassembles parallel tool calls whose arguments arrive in fragments', async () => {
    const first = { location: 'Florence, Italy', days: 2 };
    const second = { location: 'Kyoto' };
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          toolCalls: [
            { id: 'call_a', name: 'weather', arguments: first },
            { name: 'weather', arguments: second },
          ],
        },
      ],
    });
    const stream = client.chat.completions.stream({ ...ask, tools: [weatherTool] });
    const chunks: Chunk[] = [];
    stream.on('chunk', (chunk) => chunks.push(chunk));
    const completion = await stream.finalChatCompletion();
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls.map((c) => c.type === 'function' && JSON.parse(c.function.arguments))).toEqual([
      first,
      second,
    ]);
    expect(calls[0]?.id).toBe('call_a');
    expect(calls[1]?.id).toMatch(/^call_/);
    // id and name only on the first delta of each call, then argument fragments.
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.filter((d) => d.id !== undefined)).toHaveLength(2);
    expect(deltas.filter((d) => d.index === 0).length).toBeGreaterThan(3);
  });

  it('sends reasoning as reasoning_content deltas and in the JSON message', async () => {
    fake.setScript({
      turns: [{ kind: 'reply', reasoning: 'Greeting detected.', text: 'Hello!' }],
      repeatLast: true,
    });
    const chunks = await collect(await client.chat.completions.create({ ...ask, stream: true }));
    const deltas = chunks.map((c) => c.choices[0]?.delta as Record<string, unknown> | undefined);
    expect(deltas.map((d) => d?.reasoning_content ?? '').join('')).toBe('Greeting detected.');
    expect(deltas.map((d) => d?.content ?? '').join('')).toBe('Hello!');
    const completion = await client.chat.completions.create(ask);
    expect(completion.choices[0]?.message).toMatchObject({
      content: 'Hello!',
      reasoning_content: 'Greeting detected.',
    });
  });

  it('answers non-streaming requests with a JSON completion and derived usage', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'Plain answer' }] });
    const completion = await client.chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe('Plain answer');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(3);
  });

  it('throws the scripted error status with its headers and error code', async () => {
    const body = {
      error: {
        message: 'You exceeded your current quota',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    };
    fake.setScript({
      turns: [{ kind: 'error', status: 429, body, headers: { 'x-ratelimit-reset-requests': '1s' } }],
    });
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.code).toBe('insufficient_quota');
    expect(apiError.headers?.get('x-ratelimit-reset-requests')).toBe('1s');
  });

  it('fails the SDK stream when the connection is cut mid-stream', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'A reply that will be cut off', cutAfterChunks: 3 }] });
    await expect(collect(await client.chat.completions.create({ ...ask, stream: true }))).rejects.toThrow();
  });

  it('goes quiet mid-stream for the stall, then delivers the whole reply', async () => {
    fake.setScript({
      turns: [{ kind: 'reply', text: 'Slow, then done', stall: { afterChunks: 1, ms: 300 } }],
    });
    const arrivals: number[] = [];
    const chunks: Chunk[] = [];
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) {
      arrivals.push(Date.now());
      chunks.push(chunk);
    }
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(250);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Slow, then done');
  });

  it('breaks non-streaming calls too: a cut JSON body fails, a split one parses', async () => {
    fake.setScript({
      turns: [
        { kind: 'reply', text: 'cut', cutAfterChunks: 1 },
        { kind: 'reply', text: 'split but whole', splitEvery: 7 },
      ],
    });
    await expect(client.chat.completions.create(ask)).rejects.toThrow();
    const completion = await client.chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe('split but whole');
  });

  it('still parses when the SSE bytes arrive 7 at a time', async () => {
    const args = { location: 'São Paulo' };
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          text: 'Looking it up — 🌦',
          toolCalls: [{ name: 'weather', arguments: args }],
          splitEvery: 7,
        },
      ],
    });
    const completion = await client.chat.completions
      .stream({ ...ask, tools: [weatherTool] })
      .finalChatCompletion();
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe('Looking it up — 🌦');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(args);
  });

  it('throws on a mid-stream {"error":…} chunk after HTTP 200', async () => {
    fake.setScript({
      turns: [
        {
          kind: 'stream_error',
          afterText: 'The question',
          error: { message: 'The server had an error', type: 'server_error' },
        },
      ],
    });
    const error = await collect(await client.chat.completions.create({ ...ask, stream: true })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('The server had an error');
  });

  it('ends with finish_reason length and incomplete arguments when tool JSON is truncated', async () => {
    fake.setScript({
      turns: [
        {
          kind: 'reply',
          toolCalls: [{ name: 'weather', arguments: { location: 'Lisbon, Portugal' } }],
          truncateToolJson: true,
        },
      ],
    });
    const chunks = await collect(
      await client.chat.completions.create({ ...ask, tools: [weatherTool], stream: true }),
    );
    const args = chunks
      .flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      .map((d) => d.function?.arguments ?? '');
    expect(() => JSON.parse(args.join(''))).toThrow();
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('serves any base path ending in /chat/completions (Z.AI style)', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'GLM here' }] });
    const zai = openAiClient(fake.url, '/api/paas/v4');
    const completion = await zai.chat.completions.create({ ...ask, model: 'glm-4.6' });
    expect(completion.choices[0]?.message.content).toBe('GLM here');
    expect(fake.requests[0]).toMatchObject({ path: '/api/paas/v4/chat/completions', model: 'glm-4.6' });
  });
});
