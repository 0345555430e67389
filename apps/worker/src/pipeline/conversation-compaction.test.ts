import type { Message } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';
import { compactConversation } from './conversation-compaction';

const call = (id: string): Message => ({
  role: 'assistant',
  content: [{ type: 'tool_call', id, name: 'Read', arguments: { path: `${id}.ts` } }],
});
const result = (id: string): Message => ({
  role: 'user',
  content: [{ type: 'tool_result', toolCallId: id, content: `contents of ${id}.ts ${'x'.repeat(3_000)}` }],
});
const session: Message[] = [
  { role: 'user', content: 'Implement the greeting' },
  call('a'),
  result('a'),
  call('b'),
  result('b'),
  call('c'),
  result('c'),
];

describe('conversation compaction', () => {
  it('keeps the task and the latest turns, and replaces the middle with a summary', async () => {
    const seen: string[] = [];
    const compact = compactConversation(
      async (transcript) => {
        seen.push(transcript);
        return 'Read a.ts and b.ts: the greeting lives in a.ts.';
      },
      () => {},
    );

    const compacted = await compact(session);

    expect(compacted).toHaveLength(5);
    expect(compacted[0]).toEqual({
      role: 'user',
      content:
        'Implement the greeting\n\n# Summary of earlier work in this session\nRead a.ts and b.ts: the greeting lives in a.ts.',
    });
    // Every kept tool result still follows its call.
    expect(compacted.slice(1)).toEqual(session.slice(3));
    expect(seen[0]).toContain('[called Read {"path":"a.ts"}]');
    expect(seen[0]).toContain('characters cut]');
  });

  it('shortens older tool outputs when the summary call fails, so the session goes on', async () => {
    const logs: string[] = [];
    const compact = compactConversation(
      async () => {
        throw new Error('429 rate limited');
      },
      (m) => logs.push(m),
    );

    const compacted = await compact(session);

    expect(compacted).toHaveLength(session.length);
    expect(JSON.stringify(compacted[2])).toContain('characters cut]');
    expect(compacted.slice(3)).toEqual(session.slice(3));
    expect(logs[0]).toContain('conversation summary failed (429 rate limited)');
  });
});
