import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SearxngSearch, WebSearchError, webSearchBackendFor } from './web-search-searxng';

// A real HTTP server on loopback per test, answering the way a SearXNG instance (or a wrong URL) does.
let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

async function serve(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const never = new AbortController().signal;

describe('the SearXNG search backend', () => {
  it('asks /search for JSON and maps results to title, URL and snippet', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          query: 'zod',
          results: [
            { url: 'https://zod.dev', title: 'Zod', content: 'TypeScript-first schemas', engine: 'x' },
            { url: 'https://example.org/untitled', content: null },
          ],
        }),
      );
    });
    const results = await new SearxngSearch(`${url}/`).search('zod & json', never);
    expect(seen).toEqual(['/search?q=zod+%26+json&format=json']);
    expect(results).toEqual([
      { url: 'https://zod.dev', title: 'Zod', snippet: 'TypeScript-first schemas' },
      { url: 'https://example.org/untitled', title: 'https://example.org/untitled', snippet: '' },
    ]);
  });

  it('keeps a path prefix of the instance (SearXNG served under /searx)', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[]}');
    });
    expect(await new SearxngSearch(`${url}/searx`).search('q', never)).toEqual([]);
    expect(seen[0]).toMatch(/^\/searx\/search\?q=q&format=json$/);
  });

  it('gives up after the timeout, saying so', async () => {
    const url = await serve(() => {}); // never answers
    const started = Date.now();
    const search = new SearxngSearch(url, { timeoutMs: 300 }).search('slow', never);
    await expect(search).rejects.toThrow(
      new WebSearchError(`the SearXNG instance at ${url} did not answer within 0.3 s`),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops at once when the phase is cancelled, with the cancel reason', async () => {
    const url = await serve(() => {});
    const cancel = new AbortController();
    const search = new SearxngSearch(url).search('cancel me', cancel.signal);
    setTimeout(() => cancel.abort(new Error('task cancelled')), 50);
    await expect(search).rejects.toThrow('task cancelled');
  });

  it('refuses an HTTP error, with a hint for the 403 of an instance without the JSON format', async () => {
    const url = await serve((_req, res) => res.writeHead(403, { 'content-type': 'text/html' }).end('no'));
    await expect(new SearxngSearch(url).search('q', never)).rejects.toThrow(
      /answered HTTP 403 Forbidden \(is the JSON format enabled\? SearXNG needs `json` under search.formats/,
    );
    server?.close();
    const broken = await serve((_req, res) => res.writeHead(502).end());
    await expect(new SearxngSearch(broken).search('q', never)).rejects.toThrow(
      /answered HTTP 502 Bad Gateway$/,
    );
  });

  it('refuses an answer that is not JSON, or JSON without results', async () => {
    const html = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>search</html>'),
    );
    await expect(new SearxngSearch(html).search('q', never)).rejects.toThrow(
      /did not answer JSON \(text\/html\): is the URL the instance's address/,
    );
    server?.close();
    const other = await serve((_req, res) => res.writeHead(200).end('{"hits":[]}'));
    await expect(new SearxngSearch(other).search('q', never)).rejects.toThrow(
      'answered JSON without a SearXNG "results" list',
    );
  });

  it('refuses an answer larger than its cap', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(200).end(`{"results":[],"pad":"${'x'.repeat(5000)}"}`),
    );
    await expect(new SearxngSearch(url, { maxBytes: 1000 }).search('q', never)).rejects.toThrow(
      /answered more than 1000 bytes/,
    );
  });

  it('names an instance it cannot reach', async () => {
    const url = await serve(() => {});
    server?.close();
    await expect(new SearxngSearch(url).search('q', never)).rejects.toThrow(
      new RegExp(`the SearXNG instance at ${url} cannot be reached: .*ECONNREFUSED`),
    );
  });

  it('exists only for a team with a setting', () => {
    expect(webSearchBackendFor(null)).toBeNull();
    expect(webSearchBackendFor({ kind: 'searxng', url: 'http://127.0.0.1:8888' })).toBeInstanceOf(
      SearxngSearch,
    );
  });
});
