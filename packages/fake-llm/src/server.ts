import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planFakeError } from './plan-turn';
import { jsonResponse } from './planned-response';
import { readBody, recordRequest } from './record-request';
import { ReplySource } from './reply-source';
import { routeRequest, SUPPORTED_ROUTES } from './routes';
import { sendResponse } from './send-response';
import type { FakeLlmServer, RecordedRequest, StartFakeLlmOptions } from './types';

/** Starts a fake LLM provider on 127.0.0.1 (by default on a port the OS chooses). */
export async function startFakeLlm(options: StartFakeLlmOptions = {}): Promise<FakeLlmServer> {
  const { host = '127.0.0.1', port = 0, label } = options;
  const requests: RecordedRequest[] = [];
  const source = new ReplySource(label);
  // Precedence when several are given: script, then transcript, then responder.
  if (options.responder) source.setResponder(options.responder);
  if (options.transcript) source.setTranscript(options.transcript);
  if (options.script) source.setScript(options.script);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = routeRequest(req.method ?? 'GET', req.url ?? '/');
    if (route.kind === 'health') {
      return sendResponse(res, jsonResponse(200, { ok: true, label: label ?? null }));
    }
    if (route.kind === 'not_found') {
      const message = `fake-llm: no route for ${req.method} ${req.url}; supported: ${SUPPORTED_ROUTES}`;
      return sendResponse(res, jsonResponse(404, { error: { type: 'not_found_error', message } }));
    }
    const { request, parsed } = recordRequest(req, route.protocol, await readBody(req));
    requests.push(request);
    if (!parsed) {
      return sendResponse(
        res,
        planFakeError(route.protocol, 400, 'fake-llm: the request body is not valid JSON'),
      );
    }
    const planned = await source.plan({ request, sequence: requests.length });
    return sendResponse(res, planned);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A broken transcript file or a throwing responder: tell the client why, as a 500.
      const message = `fake-llm internal error: ${error instanceof Error ? error.message : String(error)}`;
      if (res.headersSent) {
        res.destroy(new Error(message)); // mid-body: only a dropped connection can still say "failed"
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'fake_llm_error', message } }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    label,
    requests,
    setScript: (script) => source.setScript(script),
    setTranscript: (file) => source.setTranscript(file),
    setResponder: (responder) => source.setResponder(responder),
    reset: () => {
      requests.length = 0;
      source.rewind();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung streams and idle keep-alive sockets would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
