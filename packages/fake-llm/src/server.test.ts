import { readdirSync, readFileSync } from 'node:fs';
import { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlm } from './server';
import { anthropicClient, openAiClient, TRANSCRIPTS_DIR, transcriptPath, WEATHER_TOOL } from './test-clients';

const fake = await startFakeLlm({ label: 'server-tests' });
const anthropic = anthropicClient(fake.url);
const openai = openAiClient(fake.url);
const claudeAsk = {
  model: 'claude-opus-5-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};
const gptAsk = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('the fake server', () => {
  it('records every request with its protocol, model, stream flag, path and headers', async () => {
    fake.setScript({
      turns: [
        { kind: 'reply', text: 'one' },
        { kind: 'reply', text: 'two' },
      ],
    });
    await anthropic.messages.stream(claudeAsk).finalMessage();
    await openai.chat.completions.create(gptAsk);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({
      protocol: 'anthropic-messages',
      method: 'POST',
      path: '/v1/messages',
      model: 'claude-opus-5-5',
      stream: true,
      body: { messages: [{ role: 'user', content: 'Hi' }] },
    });
    expect(fake.requests[0]?.headers['anthropic-version']).toBeTruthy();
    expect(JSON.stringify(fake.requests[0]?.headers)).toContain('sk-ant-test');
    expect(fake.requests[1]).toMatchObject({
      protocol: 'openai-chat',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      stream: false,
    });
    expect(fake.requests[1]?.headers.authorization).toBe('Bearer sk-test');
    expect(fake.requests[1]?.receivedAt).toBeGreaterThanOrEqual(fake.requests[0]!.receivedAt);
  });

  it('answers HTTP 500 "script exhausted" past the last turn, in the protocol of the request', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'only one' }] });
    await anthropic.messages.create(claudeAsk);
    const error = await anthropic.messages.create(claudeAsk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(500);
    expect((error as APIError).message).toContain('fake-llm script exhausted after 1 turns');
    await expect(openai.chat.completions.create(gptAsk)).rejects.toThrow(
      'fake-llm script exhausted after 1 turns',
    );
  });

  it('repeats the last turn when repeatLast is set, and reset() rewinds the script', async () => {
    fake.setScript({
      turns: [
        { kind: 'reply', text: 'first' },
        { kind: 'reply', text: 'again' },
      ],
      repeatLast: true,
    });
    const texts: (string | null | undefined)[] = [];
    for (let i = 0; i < 3; i++)
      texts.push((await openai.chat.completions.create(gptAsk)).choices[0]?.message.content);
    expect(texts).toEqual(['first', 'again', 'again']);
    fake.reset();
    expect(fake.requests).toEqual([]);
    expect((await openai.chat.completions.create(gptAsk)).choices[0]?.message.content).toBe('first');
  });

  it('replays a transcript byte for byte', async () => {
    const file = transcriptPath('openai_stream_tool_call_fragments.json');
    fake.setTranscript(file);
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as { sse: string[] };
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      body: '{"stream":true}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.text()).toBe(recorded.sse.join('\n'));
  });

  it('loads and replays every shared transcript with its status and exact bytes', async () => {
    const files = readdirSync(TRANSCRIPTS_DIR).filter(
      (f) => f.endsWith('.json') && f !== 'zai_error_codes_reference.json',
    );
    expect(files.length).toBeGreaterThan(30);
    for (const name of files) {
      const recorded = JSON.parse(readFileSync(transcriptPath(name), 'utf8'));
      fake.setTranscript(transcriptPath(name));
      const path = recorded.api === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions';
      const response = await fetch(`${fake.url}${path}`, { method: 'POST', body: '{}' });
      expect(response.status, name).toBe(recorded.status ?? 200);
      const expected = recorded.sse ? recorded.sse.join('\n') : JSON.stringify(recorded.body);
      expect(await response.text(), name).toBe(expected);
    }
  });

  it('replays transcripts that the real SDK parses: a thinking + tool_use stream, then a 429', async () => {
    fake.setScript({
      turns: [
        { kind: 'transcript', file: transcriptPath('anthropic_stream_thinking_tool_use.json') },
        { kind: 'transcript', file: transcriptPath('anthropic_error_429_rate_limit.json') },
      ],
    });
    const message = await anthropic.messages.stream({ ...claudeAsk, tools: [WEATHER_TOOL] }).finalMessage();
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'weather',
      input: { location: 'Florence, Italy' },
    });
    const error = (await anthropic.messages.create(claudeAsk).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('16');
  });

  it('rejects a script whose transcript file does not exist, when it is set', () => {
    expect(() => fake.setScript({ turns: [{ kind: 'transcript', file: '/nonexistent/t.json' }] })).toThrow(
      /transcript \/nonexistent\/t\.json/,
    );
  });

  it('computes replies with a responder that sees the recorded request', async () => {
    fake.setResponder((req) => ({ kind: 'reply', text: `you used ${req.model} over ${req.protocol}` }));
    const completion = await openai.chat.completions.create(gptAsk);
    expect(completion.choices[0]?.message.content).toBe('you used gpt-4o over openai-chat');
  });

  it('waits delayMs before the response headers', async () => {
    fake.setScript({ turns: [{ kind: 'reply', text: 'late', delayMs: 200 }] });
    const started = Date.now();
    await openai.chat.completions.create(gptAsk);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('answers GET /health, 404 naming the supported paths, and 400 on a body that is not JSON', async () => {
    const health = await fetch(`${fake.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, label: 'server-tests' });
    const missing = await fetch(`${fake.url}/v1/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).toContain('…/chat/completions');
    const garbage = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: 'not json' });
    expect(garbage.status).toBe(400);
    expect(fake.requests[0]?.body).toBe('not json');
  });

  it('close() ends hung streams instead of waiting for them', async () => {
    const other = await startFakeLlm({ script: { turns: [{ kind: 'reply', text: 'stuck', hang: true }] } });
    const pending = openAiClient(other.url).chat.completions.create({ ...gptAsk, stream: true });
    const stream = await pending;
    const reading = (async () => {
      for await (const _ of stream) {
        // drain until the server goes away
      }
    })();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(reading).rejects.toThrow();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
