// The dashboard's production server (docs/decisions/0014): Next.js for pages and auth, and the tRPC
// API answered before Next's request handling, which cost most of a list request's CPU.
// Usage: node --import tsx server.ts [--port 3000] [--hostname 127.0.0.1] (after `next build`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import compression from 'compression';
import next from 'next';
import { createRequestContext } from './src/server/api-context';
import { TRPC_ENDPOINT, trpcOptions } from './src/server/trpc-options';

const { values } = parseArgs({ options: { port: { type: 'string' }, hostname: { type: 'string' } } });
const port = Number(values.port || process.env.PORT || 3000);
const hostname = values.hostname || undefined; // unset: every address, IPv4 and IPv6
// As `next start` does: the auth base URL defaults to http://localhost:PORT (src/env.ts).
process.env.PORT = String(port);

/** Node's header object as the Fetch `Headers` the context reads (session cookie, API key). */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

// Next compressed the API's answers; so do we (tRPC flushes each chunk of a live task stream).
const gzip = compression();
// compression is typed for Express; it only uses what node:http's request and response have.
const compress = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) =>
  gzip(req as never, res as never, next);

/** `/api/trpc/<procedures>`: GET and POST to tRPC (it decodes the path); anything else is refused. */
function handleApi(req: IncomingMessage, res: ServerResponse, rest: string): void {
  if (req.method === 'OPTIONS' || (req.method !== 'GET' && req.method !== 'POST')) {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 405, { Allow: 'GET, POST' }).end();
    return;
  }
  void nodeHTTPRequestHandler({
    ...trpcOptions,
    // compression wraps the response before it negotiates: a client that accepts no encoding skips it.
    middleware: req.headers['accept-encoding'] ? compress : undefined,
    req,
    res,
    path: rest.split('?')[0]?.replace(/^\/+|\/+$/g, '') ?? '',
    createContext: () => createRequestContext(headersOf(req)),
  });
}

const app = next({ dev: false, dir: fileURLToPath(new URL('.', import.meta.url)), hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const prefix = `${TRPC_ENDPOINT}/`;
const server = createServer((req, res) => {
  try {
    const url = req.url ?? '/';
    if (url.startsWith(prefix)) handleApi(req, res, url.slice(prefix.length));
    else void handleNext(req, res);
  } catch (error) {
    console.error(
      `[server] ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : error}`,
    );
    if (!res.headersSent) res.writeHead(500).end();
  }
});
// A port in use (or any listen error) is a failed start: exit 1 so that supervisors notice.
server.on('error', (error) => {
  console.error(`[server] cannot listen on ${hostname ?? '*'}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`> Switchyard dashboard on http://${hostname ?? 'localhost'}:${port}`);
});

// Stop accepting, let requests in flight finish (the launcher sends SIGTERM).
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Live task streams never end on their own: give other requests a moment, then go.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
