import { createHash } from 'node:crypto';
import { type PlannedResponse, pacingOf, replyBody } from '../planned-response';
import type { FakeFinish, FakeReplyTurn, FakeStreamErrorTurn } from '../types';
import { splitJson, splitText } from './fragments';
import { estimateInputTokens, type NormalizedReply, normalizeReply } from './normalize-reply';
import { errorEnvelope, modelOf, type ReplyContext, sequenceTag } from './reply-context';
import { namedEvent, SSE_HEADERS } from './sse';

// Renders turns in the Anthropic Messages wire format (POST /v1/messages), event by event as the
// API sends them: message_start, content blocks with their deltas, message_delta, message_stop.

const STOP_REASON: Record<FakeFinish, string> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  length: 'max_tokens',
};

const messageId = (ctx: ReplyContext) => `msg_fake${sequenceTag(ctx)}`;
const responseHeaders = (ctx: ReplyContext) => ({ 'request-id': `req_fake${sequenceTag(ctx)}` });

/** Signatures are opaque to clients; a hash of the thinking lets tests check it is sent back intact. */
export const thinkingSignature = (thinking: string): string =>
  createHash('sha256').update(thinking).digest('base64');

function fullUsage(inputTokens: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function messageStart(ctx: ReplyContext, inputTokens: number): string {
  const message = {
    id: messageId(ctx),
    type: 'message',
    role: 'assistant',
    model: modelOf(ctx),
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: fullUsage(inputTokens, 1),
  };
  return namedEvent('message_start', { type: 'message_start', message });
}

const blockStart = (index: number, block: unknown) =>
  namedEvent('content_block_start', { type: 'content_block_start', index, content_block: block });
const blockDelta = (index: number, delta: unknown) =>
  namedEvent('content_block_delta', { type: 'content_block_delta', index, delta });
const blockStop = (index: number) => namedEvent('content_block_stop', { type: 'content_block_stop', index });
const PING = namedEvent('ping', { type: 'ping' });

function textBlockEvents(index: number, text: string): string[] {
  const deltas = splitText(text).map((t) => blockDelta(index, { type: 'text_delta', text: t }));
  return [blockStart(index, { type: 'text', text: '' }), ...deltas, blockStop(index)];
}

function contentEvents(reply: NormalizedReply): string[] {
  const events: string[] = [];
  let index = 0;
  if (reply.reasoning !== undefined) {
    events.push(blockStart(index, { type: 'thinking', thinking: '', signature: '' }));
    for (const t of splitText(reply.reasoning))
      events.push(blockDelta(index, { type: 'thinking_delta', thinking: t }));
    events.push(
      blockDelta(index, { type: 'signature_delta', signature: thinkingSignature(reply.reasoning) }),
    );
    events.push(blockStop(index++));
  }
  if (reply.text !== undefined) events.push(...textBlockEvents(index++, reply.text));
  reply.toolCalls.forEach((call, i) => {
    const last = i === reply.toolCalls.length - 1;
    events.push(blockStart(index, { type: 'tool_use', id: call.id, name: call.name, input: {} }));
    // The API always opens tool input with an empty fragment.
    events.push(blockDelta(index, { type: 'input_json_delta', partial_json: '' }));
    for (const part of splitJson(call.argumentsJson)) {
      events.push(blockDelta(index, { type: 'input_json_delta', partial_json: part }));
    }
    // A tool_use cut off by max_tokens never gets its content_block_stop.
    if (!(last && reply.truncatedLastToolCall)) events.push(blockStop(index));
    index++;
  });
  // Like the API, a ping follows the first content_block_start (or message_start when there is none).
  events.splice(events.length > 0 ? 1 : 0, 0, PING);
  return events;
}

function replyOf(turn: FakeReplyTurn, ctx: ReplyContext): NormalizedReply {
  return normalizeReply(turn, ctx.request.body, (i) => `toolu_fake${sequenceTag(ctx)}_${i}`);
}

export function renderAnthropicStream(turn: FakeReplyTurn, ctx: ReplyContext): PlannedResponse {
  const reply = replyOf(turn, ctx);
  const { inputTokens, outputTokens } = reply.usage;
  const messageDelta = {
    type: 'message_delta',
    delta: { stop_reason: STOP_REASON[reply.finish], stop_sequence: null },
    // Cumulative, as the API sends it.
    usage: {
      input_tokens: inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
    },
  };
  const events = [
    messageStart(ctx, inputTokens),
    ...contentEvents(reply),
    namedEvent('message_delta', messageDelta),
    namedEvent('message_stop', { type: 'message_stop' }),
  ];
  const headers = { ...SSE_HEADERS, ...responseHeaders(ctx) };
  return { type: 'stream', status: 200, headers, events, pacing: pacingOf(turn) };
}

export function renderAnthropicJson(turn: FakeReplyTurn, ctx: ReplyContext): PlannedResponse {
  const reply = replyOf(turn, ctx);
  const content: unknown[] = [];
  if (reply.reasoning !== undefined) {
    content.push({
      type: 'thinking',
      thinking: reply.reasoning,
      signature: thinkingSignature(reply.reasoning),
    });
  }
  if (reply.text !== undefined) content.push({ type: 'text', text: reply.text });
  // Without streaming there is no partial input to show: a truncated tool call is left out.
  const complete = reply.truncatedLastToolCall ? reply.toolCalls.slice(0, -1) : reply.toolCalls;
  for (const call of complete) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.argumentsJson) });
  }
  const body = {
    id: messageId(ctx),
    type: 'message',
    role: 'assistant',
    model: modelOf(ctx),
    content,
    stop_reason: STOP_REASON[reply.finish],
    stop_sequence: null,
    usage: fullUsage(reply.usage.inputTokens, reply.usage.outputTokens),
  };
  const headers = { 'content-type': 'application/json', ...responseHeaders(ctx) };
  return replyBody(200, headers, JSON.stringify(body), turn);
}

/** HTTP 200, some text, then `event: error` and no message_stop. */
export function renderAnthropicStreamError(turn: FakeStreamErrorTurn, ctx: ReplyContext): PlannedResponse {
  const events = [messageStart(ctx, estimateInputTokens(ctx.request.body))];
  const text = textBlockEvents(0, turn.afterText ?? '');
  events.push(text[0]!, PING, ...text.slice(1, -1));
  events.push(
    namedEvent(
      'error',
      errorEnvelope(turn.error, (error) => ({ type: 'error', error })),
    ),
  );
  return {
    type: 'stream',
    status: 200,
    headers: { ...SSE_HEADERS, ...responseHeaders(ctx) },
    events,
    pacing: {},
  };
}

/** The API's error body shape, for errors the fake itself reports (script exhausted, bad request). */
export const anthropicErrorBody = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
});
