import type { ToolSpec } from '@switchyard/providers';

// What each call asks and what the fake answers: the same bytes for our client and the raw SDK.

export const PROMPT = 'Summarise the change in one paragraph.';

/** About 60 tokens, streamed by the fake as one text delta per word group. */
export const REPLY_TEXT =
  'The change moves the retry policy out of the SDKs and into the agent loop, so every attempt is ' +
  'recorded in the routing decision. Rate limits honour retry-after, overloads back off with jitter, ' +
  'and a quota error falls back to the next provider that can take the conversation.';

export const TOOL: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};

export const TOOL_CALL = { name: TOOL.name, arguments: { city: 'Paris', unit: 'celsius' } };

export const MAX_TOKENS = 1024;
