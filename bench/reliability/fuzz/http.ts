// One fuzz request over HTTP, shaped as the dashboard's tRPC client sends it (apps/web/src/trpc/react.tsx):
// queries GET `/api/trpc/<path>?input=<superjson envelope>`, mutations POST the envelope as the body,
// subscriptions GET with `Accept: text/event-stream` (httpSubscriptionLink). `batch` is httpBatchLink's
// shape (`?batch=1`, inputs keyed by index).

export type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface FuzzRequest {
  /** What was sent, for the report: the envelope text (or a description of a malformed request). */
  input: string;
  method: 'GET' | 'POST';
  /** Path and query after the server's origin. */
  target: string;
  body?: string;
  headers: Record<string, string>;
  /** Read as an SSE stream: the status is the one its first error event carries, if any. */
  sse?: boolean;
}

export interface Outcome {
  /** HTTP status; for a subscription, the `httpStatus` of its `serialized-error` event; 0: no response. */
  status: number;
  body: string;
}

/** Where the request goes and how it is authenticated (the header is never reported). */
export interface Target {
  base: string;
  authorization: string | null;
}

const TRPC = '/api/trpc/';

/** A request carrying `envelope` (already JSON text, or deliberately not) the way the real client would. */
export function shaped(
  path: string,
  type: ProcedureType,
  envelope: string | undefined,
  options: { batch?: boolean; method?: 'GET' | 'POST'; contentType?: string } = {},
): FuzzRequest {
  const method = options.method ?? (type === 'mutation' ? 'POST' : 'GET');
  const text = envelope === undefined ? undefined : options.batch ? `{"0":${envelope}}` : envelope;
  const params = new URLSearchParams();
  if (options.batch) params.set('batch', '1');
  if (method === 'GET' && text !== undefined) params.set('input', text);
  const query = params.size ? `?${params}` : '';
  const headers: Record<string, string> = {};
  if (method === 'POST') headers['content-type'] = options.contentType ?? 'application/json';
  if (type === 'subscription') headers.accept = 'text/event-stream';
  return {
    input: text ?? '(no input)',
    method,
    target: `${TRPC}${path}${query}`,
    body: method === 'POST' ? (text ?? '') : undefined,
    headers,
    sse: type === 'subscription' && !options.batch,
  };
}

/**
 * Sends one request. Never throws: a network error or a timeout is status 0 with the reason as body.
 * A subscription is read until its first event other than `connected`/`ping`, or `sseWindowMs`, then
 * closed: an open stream at that point counts as its 200.
 */
export async function send(
  target: Target,
  request: FuzzRequest,
  timeoutMs: number,
  sseWindowMs: number,
): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
  try {
    const headers = { ...request.headers };
    if (target.authorization && !('authorization' in headers)) headers.authorization = target.authorization;
    const response = await fetch(`${target.base}${request.target}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: abort.signal,
    });
    if (!request.sse || !response.body || response.status !== 200) {
      return { status: response.status, body: await response.text() };
    }
    clearTimeout(timer);
    return await readFirstEvent(response.body, response.status, sseWindowMs);
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    return { status: 0, body: `request failed: ${describe(reason)}` };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

async function readFirstEvent(stream: ReadableStream<Uint8Array>, status: number, windowMs: number) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + windowMs;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { status, body: text || '(stream open, no event yet)' };
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
      ]);
      if (chunk === null) return { status, body: text || '(stream open, no event yet)' };
      if (chunk.done) return { status, body: text || '(stream ended without an event)' };
      text += decoder.decode(chunk.value, { stream: true });
      for (const block of text.split('\n\n').slice(0, -1)) {
        const event = /^event: ?(.*)$/m.exec(block)?.[1]?.trim() ?? 'message';
        if (event === 'connected' || event === 'ping' || block.trim() === '' || block.startsWith(':'))
          continue;
        if (event === 'serialized-error') {
          const httpStatus = Number(/"httpStatus":\s*(\d+)/.exec(block)?.[1] ?? 500);
          return { status: httpStatus, body: block };
        }
        return { status, body: block };
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** Runs `tasks` with at most `concurrency` in flight, in order of start. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
