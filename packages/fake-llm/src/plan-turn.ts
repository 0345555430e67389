import { jsonResponse, type PlannedResponse } from './planned-response';
import {
  anthropicErrorBody,
  renderAnthropicJson,
  renderAnthropicStream,
  renderAnthropicStreamError,
} from './render/anthropic';
import {
  openAiErrorBody,
  renderOpenAiJson,
  renderOpenAiStream,
  renderOpenAiStreamError,
} from './render/openai';
import type { ReplyContext } from './render/reply-context';
import { loadTranscript, planTranscriptReplay } from './transcript';
import type { FakeProtocol, FakeTurn } from './types';

/** Decides the bytes of one turn, in the protocol of the request that consumes it. */
export function planTurn(turn: FakeTurn, ctx: ReplyContext): PlannedResponse {
  const anthropic = ctx.request.protocol === 'anthropic-messages';
  switch (turn.kind) {
    case 'reply': {
      const planned = ctx.request.stream
        ? anthropic
          ? renderAnthropicStream(turn, ctx)
          : renderOpenAiStream(turn, ctx)
        : anthropic
          ? renderAnthropicJson(turn, ctx)
          : renderOpenAiJson(turn, ctx);
      // Extra headers (rate-limit readings) ride along with the rendered ones.
      return turn.headers ? { ...planned, headers: { ...planned.headers, ...turn.headers } } : planned;
    }
    case 'stream_error':
      return anthropic ? renderAnthropicStreamError(turn, ctx) : renderOpenAiStreamError(turn, ctx);
    case 'error':
      return jsonResponse(turn.status, turn.body, turn.headers, turn.delayMs);
    case 'transcript':
      return planTranscriptReplay(loadTranscript(turn.file));
  }
}

/** An error the fake itself reports, shaped like the provider's own errors so SDKs surface the message. */
export function planFakeError(protocol: FakeProtocol, status: number, message: string): PlannedResponse {
  const body =
    protocol === 'anthropic-messages'
      ? anthropicErrorBody(status >= 500 ? 'api_error' : 'invalid_request_error', message)
      : openAiErrorBody(status >= 500 ? 'server_error' : 'invalid_request_error', message);
  return jsonResponse(status, body);
}
