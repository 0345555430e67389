import { describe, expect, it } from 'vitest';
import { estimateInputTokens, normalizeReply } from './normalize-reply';

const request = { messages: [{ role: 'user', content: 'x'.repeat(400) }] };
const ids = (i: number) => `id_${i}`;

describe('normalizeReply', () => {
  it('finishes with tool_calls when tools are called, else stop, unless told otherwise', () => {
    expect(normalizeReply({ kind: 'reply', text: 'hi' }, request, ids).finish).toBe('stop');
    const call = { name: 'Write', arguments: { a: 1 } };
    expect(normalizeReply({ kind: 'reply', toolCalls: [call] }, request, ids).finish).toBe('tool_calls');
    expect(normalizeReply({ kind: 'reply', text: 'hi', finish: 'length' }, request, ids).finish).toBe(
      'length',
    );
  });

  it('derives usage deterministically from the request and reply lengths when none is given', () => {
    const reply = normalizeReply(
      { kind: 'reply', text: 'x'.repeat(40), reasoning: 'y'.repeat(20) },
      request,
      ids,
    );
    expect(reply.usage).toEqual({ inputTokens: estimateInputTokens(request), outputTokens: 15 });
    expect(reply.reasoningTokens).toBe(5);
    expect(estimateInputTokens(request)).toBeGreaterThan(100);
  });

  it('keeps given usage and ids, and cuts only the last tool call when truncating', () => {
    const reply = normalizeReply(
      {
        kind: 'reply',
        usage: { inputTokens: 3, outputTokens: 4 },
        toolCalls: [
          { id: 'mine', name: 'A', arguments: { x: 1 } },
          { name: 'B', arguments: { y: 'long value' } },
        ],
        truncateToolJson: true,
      },
      request,
      ids,
    );
    expect(reply.usage).toEqual({ inputTokens: 3, outputTokens: 4 });
    expect(reply.toolCalls.map((c) => c.id)).toEqual(['mine', 'id_1']);
    expect(reply.toolCalls[0]?.argumentsJson).toBe('{"x":1}');
    expect(() => JSON.parse(reply.toolCalls[1]?.argumentsJson ?? '')).toThrow();
    expect(reply.finish).toBe('length');
  });
});
