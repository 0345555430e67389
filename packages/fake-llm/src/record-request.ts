import type { IncomingMessage } from 'node:http';
import type { FakeProtocol, RecordedRequest } from './types';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** `parsed` is false when the body was not JSON: the request is still recorded, with the raw text. */
export function recordRequest(
  req: IncomingMessage,
  protocol: FakeProtocol,
  rawBody: string,
): { request: RecordedRequest; parsed: boolean } {
  let body: unknown = rawBody;
  let parsed = true;
  try {
    body = JSON.parse(rawBody);
  } catch {
    parsed = false;
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const request: RecordedRequest = {
    protocol,
    method: req.method ?? 'POST',
    path: req.url ?? '/',
    headers: flattenHeaders(req),
    body,
    stream: fields.stream === true,
    model: typeof fields.model === 'string' ? fields.model : undefined,
    receivedAt: Date.now(),
  };
  return { request, parsed };
}
