// The dashboard's production server (docs/decisions/0014): Next.js for pages and auth, and the tRPC
// API answered before Next's request handling, which cost most of a list request's CPU.
// Usage: node --import tsx server.ts --port 3000 --hostname 127.0.0.1 (after `next build`).
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import next from 'next';
import { createRequestContext } from './src/server/api-context';
import { TRPC_ENDPOINT, trpcOptions } from './src/server/trpc-options';

const { values } = parseArgs({
  options: { port: { type: 'string' }, hostname: { type: 'string', default: '0.0.0.0' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? '0.0.0.0';

/** Node's header object as the Fetch `Headers` the context reads (session cookie, API key). */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

const app = next({ dev: false, dir: fileURLToPath(new URL('.', import.meta.url)), hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const prefix = `${TRPC_ENDPOINT}/`;
  if (url.startsWith(prefix)) {
    const path = url.slice(prefix.length).split('?')[0] ?? '';
    void nodeHTTPRequestHandler({
      ...trpcOptions,
      req,
      res,
      path: decodeURIComponent(path),
      createContext: () => createRequestContext(headersOf(req)),
    });
    return;
  }
  void handleNext(req, res);
});
server.listen(port, hostname, () => {
  console.log(`> Switchyard dashboard on http://${hostname}:${port}`);
});

// Stop accepting, let requests in flight finish (the launcher sends SIGTERM).
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Live task streams never end on their own: give other requests a moment, then go.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
