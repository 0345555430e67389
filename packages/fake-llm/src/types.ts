// The public contract of the fake server. `packages/providers` codes against these shapes, so
// additions are fine and changes are not.

export type FakeProtocol = 'anthropic-messages' | 'openai-chat';

export interface RecordedRequest {
  protocol: FakeProtocol;
  method: string;
  /** The request target as sent, query string included (e.g. `/v1/messages?beta=true`). */
  path: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body (the raw text when it was not valid JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request fields without casts
  body: any;
  stream: boolean;
  model: string | undefined;
  receivedAt: number;
}

export interface FakeToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FakeFinish = 'stop' | 'tool_calls' | 'length';

export interface FakeReplyTurn {
  kind: 'reply';
  text?: string;
  /** Anthropic thinking block (with a signature_delta) or OpenAI-style `reasoning_content`. */
  reasoning?: string;
  toolCalls?: FakeToolCall[];
  usage?: FakeUsage;
  /** Default: `tool_calls` when toolCalls are present, else `stop`. */
  finish?: FakeFinish;
  /** Milliseconds to wait before the response headers. */
  delayMs?: number;
  /** Milliseconds to wait between stream writes. */
  chunkDelayMs?: number;
  // The next three also apply to non-streaming requests, whose JSON body then counts as one chunk.
  /** Split the raw SSE bytes into writes of N bytes, so lines are cut mid-way. */
  splitEvery?: number;
  /** Destroy the socket after N SSE events: a broken stream with no terminator. */
  cutAfterChunks?: number;
  /** Send the headers and the first event, then never finish (until the client aborts or the server closes). */
  hang?: boolean;
  /** Go quiet once for `ms` after `afterChunks` writes, then finish normally: a provider that stalls mid-stream. */
  stall?: { afterChunks: number; ms: number };
  /** Stop mid tool input: Anthropic `max_tokens` with no content_block_stop, OpenAI `length` with incomplete arguments. */
  truncateToolJson?: boolean;
  /** Extra response headers, e.g. `x-ratelimit-remaining-requests` or `anthropic-ratelimit-*`. */
  headers?: Record<string, string>;
}

export interface FakeErrorTurn {
  kind: 'error';
  status: number;
  /** Sent as JSON; a string is sent as-is (e.g. an HTML error page from a proxy). */
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeStreamErrorTurn {
  kind: 'stream_error';
  /** Text streamed before the error event. */
  afterText?: string;
  /**
   * The provider's error object, e.g. `{ type: 'overloaded_error', message: 'Overloaded' }`. It is
   * wrapped as `{"type":"error","error":…}` (Anthropic) or `{"error":…}` (OpenAI) unless it already
   * has an `error` key, in which case it is sent as-is.
   */
  error: unknown;
}

export interface FakeTranscriptTurn {
  kind: 'transcript';
  /** Absolute path of a transcript JSON file (see shared/provider-transcripts/README.md). */
  file: string;
}

export type FakeTurn = FakeReplyTurn | FakeErrorTurn | FakeStreamErrorTurn | FakeTranscriptTurn;

export interface FakeScript {
  turns: FakeTurn[];
  /** Past the last turn, repeat it instead of answering HTTP 500. */
  repeatLast?: boolean;
}

export type FakeResponder = (req: RecordedRequest) => FakeTurn | Promise<FakeTurn>;

export interface StartFakeLlmOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: the OS chooses a free port. */
  port?: number;
  script?: FakeScript;
  /** Absolute path of a transcript JSON file replayed for every request. */
  transcript?: string;
  /** Computes each reply from the request (used by the offline demo). */
  responder?: FakeResponder;
  /** A name shown by GET /health and in error messages, to tell several fakes apart. */
  label?: string;
}

export interface FakeLlmServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  port: number;
  label: string | undefined;
  /** Every LLM request received (anthropic-messages or openai-chat), in order. */
  requests: RecordedRequest[];
  /** Replaces the reply source with this script and resets the turn cursor. */
  setScript(script: FakeScript): void;
  /** Replaces the reply source with this transcript, replayed for every request. */
  setTranscript(path: string): void;
  /** Replaces the reply source with this responder. */
  setResponder(responder: FakeResponder): void;
  /** Clears the recorded requests and the turn cursor; keeps the reply source. */
  reset(): void;
  /** Closes the server and destroys open sockets, hung streams included. */
  close(): Promise<void>;
}
