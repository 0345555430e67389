// What the server is about to send, decided by pure code (renderers, transcripts, script) and
// written by `send-response.ts`, the only place that touches the socket.

export interface StreamPacing {
  /** Before the response headers. */
  delayMs?: number;
  /** Between writes. */
  chunkDelayMs?: number;
  /** Re-cut the bytes into writes of this many bytes. */
  splitEvery?: number;
  /** Destroy the socket after this many events. */
  cutAfterChunks?: number;
  /** Send the first event, then keep the response open until the client or the server closes it. */
  hang?: boolean;
  /** Go quiet once, for `stall.ms`, after `stall.afterChunks` writes; then finish normally. */
  stall?: { afterChunks: number; ms: number };
}

export const pacingOf = (turn: StreamPacing): StreamPacing => ({
  delayMs: turn.delayMs,
  chunkDelayMs: turn.chunkDelayMs,
  splitEvery: turn.splitEvery,
  cutAfterChunks: turn.cutAfterChunks,
  hang: turn.hang,
  stall: turn.stall,
});

export type PlannedResponse =
  | {
      type: 'body';
      status: number;
      headers: Record<string, string>;
      body: string;
      delayMs?: number;
    }
  | {
      type: 'stream';
      status: number;
      headers: Record<string, string>;
      /** Written in pieces: each entry is one whole SSE event (or a JSON body given stream faults). */
      events: string[];
      pacing: StreamPacing;
    };

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  delayMs?: number,
): PlannedResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  return { type: 'body', status, headers: { 'content-type': contentType, ...headers }, body: text, delayMs };
}

/**
 * A complete JSON reply, or the same bytes written as one chunk when the turn asks for faults
 * (`hang`, `cutAfterChunks`, `splitEvery`), so non-streaming calls can be broken the same way.
 */
export function replyBody(
  status: number,
  headers: Record<string, string>,
  body: string,
  turn: StreamPacing,
): PlannedResponse {
  const faulty = turn.hang === true || turn.cutAfterChunks !== undefined || turn.splitEvery !== undefined;
  if (!faulty) return { type: 'body', status, headers, body, delayMs: turn.delayMs };
  return { type: 'stream', status, headers, events: [body], pacing: pacingOf(turn) };
}
