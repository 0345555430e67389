import { describe, expect, it } from 'vitest';
import { findModel } from '../../catalog';
import { thinkingFor } from '../../catalog/thinking';
import type { Message } from '../../messages/types';
import { sdkBaseUrl } from '../base-url';
import { buildAnthropicParams, toAnthropicMessages } from './request';

describe('Anthropic request translation', () => {
  it('replays signed thinking, drops other providers’ reasoning, and puts tool_result first', () => {
    const messages: Message[] = [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'plan', source: 'anthropic', signature: 'sig' },
          { type: 'reasoning', text: 'glm thoughts', source: 'reasoning_content' },
          { type: 'tool_call', id: 'toolu_1', name: 'Read', arguments: { path: 'a' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'also' },
          { type: 'tool_result', toolCallId: 'toolu_1', content: 'nope', isError: true },
        ],
      },
    ];
    expect(toAnthropicMessages(messages)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'plan', signature: 'sig' },
          { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { path: 'a' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'nope', is_error: true },
          { type: 'text', text: 'also' },
        ],
      },
    ]);
  });

  it('keeps max_tokens above the thinking budget and within the model maximum', () => {
    const model = findModel('anthropic', 'claude-sonnet-4-5');
    const params = buildAnthropicParams(
      { protocol: 'anthropic-messages', provider: 'anthropic', baseUrl: 'x', model: 'claude-sonnet-4-5' },
      {
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        thinking: thinkingFor('ultrathink', 'budget', model),
      },
    );
    expect(params.max_tokens).toBe(64_000);
    expect(params.thinking).toEqual({ type: 'enabled', budget_tokens: 62_976 });
  });

  it('strips paths the SDKs append themselves from base URLs', () => {
    expect(sdkBaseUrl('anthropic-messages', 'https://api.anthropic.com/v1/')).toBe(
      'https://api.anthropic.com',
    );
    expect(sdkBaseUrl('anthropic-messages', 'https://api.z.ai/api/anthropic')).toBe(
      'https://api.z.ai/api/anthropic',
    );
    expect(sdkBaseUrl('openai-chat', 'https://api.z.ai/api/paas/v4/chat/completions')).toBe(
      'https://api.z.ai/api/paas/v4',
    );
  });
});
