import type { RecordedRequest } from '../types';

/** What a renderer needs to know about the request it answers. */
export interface ReplyContext {
  request: RecordedRequest;
  /** 1-based number of this request on this server: makes ids deterministic. */
  sequence: number;
}

export const modelOf = (ctx: ReplyContext): string => ctx.request.model ?? 'fake-model';

export const sequenceTag = (ctx: ReplyContext): string => String(ctx.sequence).padStart(6, '0');

/** OpenAI wants `stream_options.include_usage` before it sends a usage chunk. */
export const wantsStreamUsage = (ctx: ReplyContext): boolean =>
  ctx.request.body?.stream_options?.include_usage === true;

/** An error object wrapped in the protocol's envelope unless it already is one. */
export function errorEnvelope(error: unknown, wrap: (inner: unknown) => unknown): unknown {
  const hasEnvelope = typeof error === 'object' && error !== null && 'error' in error;
  return hasEnvelope ? error : wrap(error);
}
