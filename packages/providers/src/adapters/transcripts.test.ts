import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/classes';
import type { ToolSpec } from '../messages/types';
import type { Protocol } from '../registry/ids';
import { transcriptFiles, transcriptPath } from '../test-support/transcripts';
import { createModelClient } from './create-client';
import { EXPECTED } from './transcript-expectations';

// Every shared transcript replayed byte for byte through the real SDK and our adapter.

const TOOLS: ToolSpec[] = [
  {
    name: 'weather',
    description: 'Weather for a place',
    inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
  },
];

async function replay(server: FakeLlmServer, file: string) {
  const { default: data } = await import(transcriptPath(file), { with: { type: 'json' } });
  const protocol = data.api as Protocol;
  server.setTranscript(transcriptPath(file));
  const client = createModelClient({
    protocol,
    provider: data.provider,
    baseUrl: protocol === 'anthropic-messages' ? server.url : `${server.url}/v1`,
    apiKey: 'test-key',
    model: String(data.request_hint?.model ?? 'test-model'),
  });
  const deltas: string[] = [];
  const stream = data.sse !== undefined;
  try {
    const turn = await client.complete({
      messages: [{ role: 'user', content: 'hi' }],
      tools: TOOLS,
      stream,
      onDelta: (d) => d.type === 'text' && deltas.push(d.text),
    });
    return { turn, deltas, stream };
  } catch (err) {
    return { err, deltas, stream };
  }
}

describe('every shared transcript replays through the real SDK and adapter', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeLlm({});
  });
  afterAll(async () => {
    await server.close();
  });

  it('has an expectation for every transcript', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(transcriptFiles());
  });

  for (const file of transcriptFiles()) {
    it(`normalises ${file}`, async () => {
      const expected = EXPECTED[file];
      expect(expected).toBeDefined();
      if (!expected) return;
      const { turn, err, deltas, stream } = await replay(server, file);
      if ('errorClass' in expected) {
        expect(turn).toBeUndefined();
        expect(err).toBeInstanceOf(ProviderError);
        const info = (err as ProviderError).info;
        expect({ class: info.class, action: info.action, providerCode: info.providerCode }).toEqual({
          class: expected.errorClass,
          action: expected.action,
          providerCode: expected.providerCode,
        });
        if (expected.retryAfterMs !== undefined) expect(info.retryAfterMs).toBe(expected.retryAfterMs);
        return;
      }
      if (err) throw err;
      if (!turn) throw new Error('no turn');
      if (typeof expected.text === 'string') expect(turn.text).toBe(expected.text);
      else expect(turn.text).toMatch(expected.text);
      if (expected.reasoning) expect(turn.reasoning).toMatch(expected.reasoning);
      else expect(turn.reasoning).toBe('');
      expect(turn.toolCalls.map(({ name, arguments: a }) => ({ name, arguments: a }))).toEqual(
        expected.toolCalls ?? [],
      );
      for (const call of turn.toolCalls) expect(call.id).toMatch(/\S/);
      expect(turn.usage.inputTokens).toBe(expected.usage.inputTokens);
      expect(turn.usage.outputTokens).toBe(expected.usage.outputTokens);
      if (expected.usage.cacheReadTokens !== undefined)
        expect(turn.usage.cacheReadTokens).toBe(expected.usage.cacheReadTokens);
      expect(turn.finishReason).toBe(expected.finish);
      expect(turn.incompleteToolCalls).toHaveLength(expected.incomplete ?? 0);
      // Streamed text arrives as deltas that add up to the final text.
      if (stream) expect(deltas.join('')).toBe(turn.text);
    });
  }
});
