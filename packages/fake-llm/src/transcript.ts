import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PlannedResponse } from './planned-response';

// The format of shared/provider-transcripts/*.json; only the fields needed to replay are checked.
const transcriptSchema = z
  .object({
    provider: z.string().optional(),
    api: z.string().optional(),
    case: z.string().optional(),
    status: z.number().int().nullable(),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.unknown().optional(),
    sse: z.array(z.string()).optional(),
  })
  .refine((t) => t.body !== undefined || t.sse !== undefined, {
    message: 'a transcript needs a `body` or an `sse` array',
  });

export type Transcript = z.infer<typeof transcriptSchema>;

export class TranscriptFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`fake-llm: transcript ${file}: ${message}`, options);
    this.name = 'TranscriptFileError';
  }
}

export function loadTranscript(file: string): Transcript {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new TranscriptFileError(file, 'cannot be read as JSON', { cause });
  }
  const parsed = transcriptSchema.safeParse(raw);
  if (!parsed.success) throw new TranscriptFileError(file, z.prettifyError(parsed.error));
  return parsed.data;
}

// Framing headers describe the recorded bytes on the recorded connection (a pretty-printed body,
// gzip), not what is replayed here: Node sets its own, and a stale content-length would hang clients.
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'connection',
  'keep-alive',
]);

function replayHeaders(recorded: Record<string, string>, contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(recorded)) {
    if (!FRAMING_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** Replays the recorded bytes exactly: the `sse` lines joined with "\n", or `body` as JSON. */
export function planTranscriptReplay(transcript: Transcript): PlannedResponse {
  const status = transcript.status ?? 200;
  if (transcript.sse !== undefined) {
    const headers = replayHeaders(transcript.headers, 'text/event-stream');
    return { type: 'body', status, headers, body: transcript.sse.join('\n') };
  }
  const headers = replayHeaders(transcript.headers, 'application/json');
  return { type: 'body', status, headers, body: JSON.stringify(transcript.body) };
}
