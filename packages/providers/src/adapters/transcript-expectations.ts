import type { ModelTurn } from '../messages/types';

// What each shared transcript must normalise to: the turn, or the classified error.

export type Expected =
  | {
      text: string | RegExp;
      reasoning?: string | RegExp;
      toolCalls?: { name: string; arguments: Record<string, unknown> }[];
      usage: { inputTokens: number; outputTokens: number; cacheReadTokens?: number };
      finish: ModelTurn['finishReason'];
      incomplete?: number;
    }
  | { errorClass: string; action: string; providerCode: string | null; retryAfterMs?: number | null };

const weather = { location: 'Florence, Italy' };
export const EXPECTED: Record<string, Expected> = {
  'anthropic_error_400_prompt_too_long.json': {
    errorClass: 'context_overflow',
    action: 'compact',
    providerCode: 'invalid_request_error',
  },
  'anthropic_error_401_authentication.json': {
    errorClass: 'auth',
    action: 'fail',
    providerCode: 'authentication_error',
  },
  'anthropic_error_429_rate_limit.json': {
    errorClass: 'rate_limited',
    action: 'retry',
    providerCode: 'rate_limit_error',
    retryAfterMs: 16_000,
  },
  'anthropic_error_529_overloaded.json': {
    errorClass: 'overloaded',
    action: 'retry',
    providerCode: 'overloaded_error',
  },
  'anthropic_nonstream_text.json': {
    text: /^Olá!/,
    usage: { inputTokens: 16, outputTokens: 34 },
    finish: 'stop',
  },
  'anthropic_nonstream_thinking_tool_use.json': {
    text: '',
    reasoning: /^The user is asking about the weather in Florence/,
    toolCalls: [{ name: 'weather', arguments: weather }],
    usage: { inputTokens: 424, outputTokens: 118 },
    finish: 'tool_calls',
  },
  'anthropic_stream_error_event.json': {
    errorClass: 'stream_interrupted',
    action: 'retry',
    providerCode: 'api_error',
  },
  'anthropic_stream_max_tokens_incomplete_tool.json': {
    text: /^I'll create a comprehensive tax guide/,
    toolCalls: [],
    usage: { inputTokens: 450, outputTokens: 124 },
    finish: 'length',
    incomplete: 1,
  },
  'anthropic_stream_text.json': {
    text: /^Olá! \(That/,
    usage: { inputTokens: 16, outputTokens: 38 },
    finish: 'stop',
  },
  'anthropic_stream_thinking_tool_use.json': {
    text: '',
    reasoning: /^The user is asking for weather information for Florence, Italy/,
    toolCalls: [{ name: 'weather', arguments: weather }],
    usage: { inputTokens: 424, outputTokens: 119 },
    finish: 'tool_calls',
  },
  'anthropic_stream_tool_use.json': {
    text: "I'll get the weather information for Florence, Italy for you.",
    toolCalls: [{ name: 'weather', arguments: { location: 'Florence,Italy' } }],
    usage: { inputTokens: 394, outputTokens: 67 },
    finish: 'tool_calls',
  },
  'deepseek_stream_reasoning.json': {
    text: /^Hello! 😊 It's wonderful/,
    reasoning: /^Hmm, the user just said "Hello!"/,
    usage: { inputTokens: 6, outputTokens: 169, cacheReadTokens: 1 },
    finish: 'stop',
  },
  'deepseek_stream_tool_call.json': {
    text: /^I'll/,
    toolCalls: [{ name: 'get_weather', arguments: { location: 'Tokyo' } }],
    usage: { inputTokens: 161, outputTokens: 25, cacheReadTokens: 128 },
    finish: 'tool_calls',
  },
  'groq_stream_x_groq_usage.json': {
    text: 'Olá!',
    usage: { inputTokens: 20, outputTokens: 4 },
    finish: 'stop',
  },
  'moonshot_error_model_not_found.json': {
    errorClass: 'invalid_request',
    action: 'fail',
    providerCode: 'resource_not_found_error',
  },
  'moonshot_stream_choice_usage.json': {
    text: /^你好。/,
    usage: { inputTokens: 19, outputTokens: 13 },
    finish: 'stop',
  },
  'moonshot_stream_kimi_k3_duplicate_usage.json': {
    text: 'OK',
    reasoning: /^The user is asking/,
    usage: { inputTokens: 90, outputTokens: 50, cacheReadTokens: 90 },
    finish: 'stop',
  },
  'ollama_v1_stream_include_usage.json': {
    text: 'Hello',
    usage: { inputTokens: 17, outputTokens: 40 },
    finish: 'length',
  },
  'openai_error_400_context_length_exceeded.json': {
    errorClass: 'context_overflow',
    action: 'compact',
    providerCode: 'context_length_exceeded',
  },
  'openai_error_401_invalid_api_key.json': {
    errorClass: 'auth',
    action: 'fail',
    providerCode: 'invalid_api_key',
  },
  'openai_error_429_insufficient_quota.json': {
    errorClass: 'quota_exhausted',
    action: 'fallback',
    providerCode: 'insufficient_quota',
  },
  'openai_error_429_rate_limit_exceeded.json': {
    errorClass: 'rate_limited',
    action: 'retry',
    providerCode: 'rate_limit_exceeded',
    retryAfterMs: 6,
  },
  'openai_nonstream_parallel_tool_calls.json': {
    text: '',
    toolCalls: [
      { name: 'add', arguments: { a: 2, b: 3 } },
      { name: 'multiply', arguments: { a: 2, b: 3 } },
    ],
    usage: { inputTokens: 110, outputTokens: 50 },
    finish: 'tool_calls',
  },
  'openai_nonstream_text.json': { text: 'Oi!', usage: { inputTokens: 20, outputTokens: 2 }, finish: 'stop' },
  'openai_stream_midstream_error.json': {
    errorClass: 'stream_interrupted',
    action: 'retry',
    providerCode: 'server_error',
  },
  'openai_stream_parallel_tool_calls.json': {
    text: '',
    toolCalls: [
      { name: 'add', arguments: { a: 2, b: 3 } },
      { name: 'multiply', arguments: { a: 2, b: 3 } },
    ],
    usage: { inputTokens: 106, outputTokens: 50 },
    finish: 'tool_calls',
  },
  'openai_stream_text_usage.json': {
    text: 'Olá!',
    usage: { inputTokens: 20, outputTokens: 2 },
    finish: 'stop',
  },
  'openai_stream_tool_call_fragments.json': {
    text: '',
    toolCalls: [{ name: 'weather', arguments: weather }],
    usage: { inputTokens: 61, outputTokens: 16 },
    finish: 'tool_calls',
  },
  'openrouter_error_429_provider.json': { errorClass: 'rate_limited', action: 'retry', providerCode: '429' },
  // The doc example lacks the blank line that ends an SSE event, so the SDK never dispatches it:
  // the stream simply ends with no finish_reason, which is an interrupted stream all the same.
  'openrouter_stream_midstream_error.json': {
    errorClass: 'stream_interrupted',
    action: 'retry',
    providerCode: null,
  },
  'openrouter_stream_tool_call_processing_comments.json': {
    text: '',
    toolCalls: [{ name: 'weather', arguments: weather }],
    usage: { inputTokens: 577, outputTokens: 54 },
    finish: 'tool_calls',
  },
  'zai_error_1113_insufficient_balance.json': {
    errorClass: 'quota_exhausted',
    action: 'fallback',
    providerCode: '1113',
  },
  'zai_error_1261_prompt_too_long.json': {
    errorClass: 'context_overflow',
    action: 'compact',
    providerCode: '1261',
  },
  'zai_error_1302_concurrency.json': { errorClass: 'rate_limited', action: 'retry', providerCode: '1302' },
  'zai_error_401_1002_invalid_token.json': { errorClass: 'auth', action: 'fail', providerCode: '1002' },
  'zai_nonstream_reasoning.json': {
    text: 'Olá! (Oh-lah)',
    reasoning: /^1\. {2}\*\*Analyze the Request/,
    usage: { inputTokens: 15, outputTokens: 249, cacheReadTokens: 3 },
    finish: 'stop',
  },
  'zai_nonstream_reasoning_tool_call.json': {
    text: "I'll get the current weather information for Florence, Italy for you.",
    reasoning: /^The user is asking for the weather in Florence/,
    toolCalls: [{ name: 'weather', arguments: weather }],
    usage: { inputTokens: 173, outputTokens: 89, cacheReadTokens: 169 },
    finish: 'tool_calls',
  },
  'zai_stream_reasoning_tool_call.json': {
    text: "I'll check the weather in Florence, Italy for you.",
    reasoning: /^The user is asking about the weather in Florence/,
    toolCalls: [{ name: 'weather', arguments: { location: 'Florence' } }],
    usage: { inputTokens: 173, outputTokens: 87, cacheReadTokens: 172 },
    finish: 'tool_calls',
  },
};
