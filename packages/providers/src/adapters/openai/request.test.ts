import { describe, expect, it } from 'vitest';
import { thinkingFor } from '../../catalog/thinking';
import type { Message } from '../../messages/types';
import { buildOpenAIParams, toOpenAIMessages } from './request';

const conversation: Message[] = [
  { role: 'user', content: 'weather?' },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'I should call weather', source: 'reasoning_content' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call', id: 'call_1', name: 'weather', arguments: { location: 'Rome' } },
    ],
  },
  { role: 'user', content: [{ type: 'tool_result', toolCallId: 'call_1', content: 'sunny' }] },
];

describe('OpenAI request translation', () => {
  it('turns tool calls and results into tool_calls and role: tool messages', () => {
    const out = toOpenAIMessages('sys', conversation, false);
    expect(out).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ]);
  });

  it('sends reasoning_content back to DeepSeek and GLM on later turns', () => {
    const out = toOpenAIMessages(undefined, conversation, true);
    expect(out[1]).toMatchObject({ role: 'assistant', reasoning_content: 'I should call weather' });
  });

  it('maps thinking to GLM thinking.type and OpenAI reasoning_effort', () => {
    const glm = buildOpenAIParams(
      { protocol: 'openai-chat', provider: 'zai', baseUrl: 'x', model: 'glm-4.7' },
      { messages: [], stream: true, thinking: thinkingFor('high', 'toggle', undefined) },
    );
    expect(glm.thinking).toEqual({ type: 'enabled' });
    const gpt = buildOpenAIParams(
      { protocol: 'openai-chat', provider: 'openai', baseUrl: 'x', model: 'gpt-5' },
      {
        messages: [],
        stream: true,
        thinking: thinkingFor('ultrathink', 'effort', undefined),
        maxOutputTokens: 100,
      },
    );
    expect(gpt.reasoning_effort).toBe('high');
    expect(gpt.max_completion_tokens).toBe(100);
    expect(gpt.max_tokens).toBeUndefined();
  });
});
