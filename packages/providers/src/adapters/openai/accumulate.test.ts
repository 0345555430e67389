import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/classes';
import { OpenAITurnBuilder } from './accumulate';

const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

describe('OpenAI chunk accumulation', () => {
  it('treats an OpenRouter finish_reason "error" as an interrupted stream', () => {
    const b = new OpenAITurnBuilder();
    b.handle(chunk({ content: 'partial' }));
    b.handle(chunk({ content: '' }, 'error'));
    expect(() => b.build()).toThrow(ProviderError);
    try {
      b.build();
    } catch (err) {
      expect((err as ProviderError).info.class).toBe('stream_interrupted');
    }
  });

  it('never reports a tool call cut off by the output limit as a call to execute', () => {
    const b = new OpenAITurnBuilder();
    b.handle(
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            function: { name: 'Write', arguments: '{"path":"a.txt","content":"abc' },
          },
        ],
      }),
    );
    b.handle(chunk({}, 'length'));
    const turn = b.build();
    expect(turn.toolCalls).toEqual([]);
    expect(turn.incompleteToolCalls).toEqual([
      {
        id: 'call_1',
        name: 'Write',
        rawArguments: '{"path":"a.txt","content":"abc',
        reason: 'cut off by the output limit',
      },
    ]);
    expect(turn.finishReason).toBe('length');
  });

  it('keeps Moonshot tool calls that arrive without an index apart by id', () => {
    const b = new OpenAITurnBuilder();
    b.handle(chunk({ tool_calls: [{ id: 'a', function: { name: 'Read', arguments: '{"path":' } }] }));
    b.handle(chunk({ tool_calls: [{ function: { arguments: '"x"}' } }] }));
    b.handle(chunk({ tool_calls: [{ id: 'b', function: { name: 'Read', arguments: '{"path":"y"}' } }] }));
    b.handle(chunk({}, 'tool_calls'));
    expect(b.build().toolCalls).toEqual([
      { id: 'a', name: 'Read', arguments: { path: 'x' } },
      { id: 'b', name: 'Read', arguments: { path: 'y' } },
    ]);
  });

  it('reads Ollama reasoning from delta.reasoning and does not mark it for reasoning_content replay', () => {
    const b = new OpenAITurnBuilder();
    b.handle(chunk({ reasoning: 'thinking…' }));
    b.handle(chunk({ content: 'done' }, 'stop'));
    const turn = b.build();
    expect(turn.reasoning).toBe('thinking…');
    expect(turn.message.content[0]).toEqual({ type: 'reasoning', text: 'thinking…', source: 'reasoning' });
  });
});
