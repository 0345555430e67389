import { type PlannedResponse, pacingOf, replyBody } from '../planned-response';
import type { FakeReplyTurn, FakeStreamErrorTurn } from '../types';
import { splitJson, splitText } from './fragments';
import { type NormalizedReply, normalizeReply } from './normalize-reply';
import { errorEnvelope, modelOf, type ReplyContext, sequenceTag, wantsStreamUsage } from './reply-context';
import { DONE_EVENT, dataEvent, SSE_HEADERS } from './sse';

// Renders turns in the OpenAI Chat Completions wire format (POST …/chat/completions), as OpenAI
// sends it; reasoning goes in `reasoning_content` as DeepSeek and Z.AI (GLM) send it.

const completionId = (ctx: ReplyContext) => `chatcmpl-fake${sequenceTag(ctx)}`;
const created = (ctx: ReplyContext) => Math.floor(ctx.request.receivedAt / 1000);
const responseHeaders = (ctx: ReplyContext) => ({ 'x-request-id': `req_fake${sequenceTag(ctx)}` });
const SYSTEM_FINGERPRINT = 'fp_fake';

function usageBody(reply: NormalizedReply) {
  const { inputTokens, outputTokens } = reply.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reply.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A chunk; every chunk carries `usage: null` when the client asked for a usage chunk, as OpenAI does. */
function chunkFactory(ctx: ReplyContext) {
  const withUsage = wantsStreamUsage(ctx);
  return (choices: unknown[], usage: unknown = null): string =>
    dataEvent({
      id: completionId(ctx),
      object: 'chat.completion.chunk',
      created: created(ctx),
      model: modelOf(ctx),
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      ...(withUsage ? { usage } : {}),
    });
}

const choice = (delta: unknown, finishReason: string | null = null) => [
  { index: 0, delta, logprobs: null, finish_reason: finishReason },
];

function toolCallDeltas(reply: NormalizedReply): unknown[] {
  const deltas: unknown[] = [];
  reply.toolCalls.forEach((call, index) => {
    // id, type and name come only on the first delta of each call; arguments follow in fragments.
    const function_ = { name: call.name, arguments: '' };
    deltas.push({ tool_calls: [{ index, id: call.id, type: 'function', function: function_ }] });
    for (const part of splitJson(call.argumentsJson)) {
      deltas.push({ tool_calls: [{ index, function: { arguments: part } }] });
    }
  });
  return deltas;
}

function replyOf(turn: FakeReplyTurn, ctx: ReplyContext): NormalizedReply {
  return normalizeReply(turn, ctx.request.body, (i) => `call_fake${sequenceTag(ctx)}_${i}`);
}

export function renderOpenAiStream(turn: FakeReplyTurn, ctx: ReplyContext): PlannedResponse {
  const reply = replyOf(turn, ctx);
  const chunk = chunkFactory(ctx);
  const deltas: Record<string, unknown>[] = [];
  if (reply.reasoning !== undefined) {
    for (const r of splitText(reply.reasoning)) deltas.push({ content: null, reasoning_content: r });
  }
  if (reply.text !== undefined) {
    const nullReasoning = reply.reasoning !== undefined ? { reasoning_content: null } : {};
    for (const t of splitText(reply.text)) deltas.push({ content: t, ...nullReasoning });
  }
  deltas.push(...(toolCallDeltas(reply) as Record<string, unknown>[]));
  // The first delta carries the role; with no text yet OpenAI sends content null, else "".
  const textFirst = reply.reasoning === undefined && reply.text !== undefined;
  const roleDelta: Record<string, unknown> = {
    role: 'assistant',
    content: textFirst ? '' : null,
    refusal: null,
  };
  if (reply.reasoning !== undefined) roleDelta.reasoning_content = '';
  const first = deltas[0]?.tool_calls !== undefined ? { ...roleDelta, ...deltas.shift() } : roleDelta;
  const events = [chunk(choice(first)), ...deltas.map((d) => chunk(choice(d)))];
  events.push(chunk(choice({}, reply.finish)));
  if (wantsStreamUsage(ctx)) events.push(chunk([], usageBody(reply)));
  events.push(DONE_EVENT);
  const headers = { ...SSE_HEADERS, ...responseHeaders(ctx) };
  return { type: 'stream', status: 200, headers, events, pacing: pacingOf(turn) };
}

export function renderOpenAiJson(turn: FakeReplyTurn, ctx: ReplyContext): PlannedResponse {
  const reply = replyOf(turn, ctx);
  const message: Record<string, unknown> = { role: 'assistant', content: reply.text ?? null };
  if (reply.reasoning !== undefined) message.reasoning_content = reply.reasoning;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
  }
  message.refusal = null;
  message.annotations = [];
  const body = {
    id: completionId(ctx),
    object: 'chat.completion',
    created: created(ctx),
    model: modelOf(ctx),
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finish }],
    usage: usageBody(reply),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const headers = { 'content-type': 'application/json', ...responseHeaders(ctx) };
  return replyBody(200, headers, JSON.stringify(body), turn);
}

/** HTTP 200, some text, then a `{"error":…}` chunk and no [DONE]. */
export function renderOpenAiStreamError(turn: FakeStreamErrorTurn, ctx: ReplyContext): PlannedResponse {
  const chunk = chunkFactory(ctx);
  const events = [chunk(choice({ role: 'assistant', content: '', refusal: null }))];
  for (const t of splitText(turn.afterText ?? '')) events.push(chunk(choice({ content: t })));
  events.push(dataEvent(errorEnvelope(turn.error, (error) => ({ error }))));
  return {
    type: 'stream',
    status: 200,
    headers: { ...SSE_HEADERS, ...responseHeaders(ctx) },
    events,
    pacing: {},
  };
}

/** OpenAI's error body shape, for errors the fake itself reports (script exhausted, bad request). */
export const openAiErrorBody = (type: string, message: string) => ({
  error: { message, type, param: null, code: null },
});
