import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultNetwork, type NetworkAccess } from './address-vetting';
import {
  SEARCH_ADDRESS_REFUSED,
  SEARCH_UNUSABLE,
  type SearxngOptions,
  SearxngSearch,
  WebSearchError,
  webSearchBackendFor,
} from './web-search-searxng';

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

/** The fake instances are on loopback: the worker's opt-in, and a log that keeps the detail. */
function searxng(url: string, options: SearxngOptions = {}) {
  const warn = vi.fn();
  const search = new SearxngSearch(url, { allowPrivate: true, log: { warn }, ...options });
  /** The detail the worker log got for the last failure. */
  const detail = () => warn.mock.lastCall?.[0]?.detail as string | undefined;
  return { search: (query: string, signal = never) => search.search(query, signal), detail, warn };
}

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
    const results = await searxng(`${url}/`).search('zod & json');
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
    expect(await searxng(`${url}/searx`).search('q')).toEqual([]);
    expect(seen[0]).toMatch(/^\/searx\/search\?q=q&format=json$/);
  });

  it('gives up after the timeout, telling the model only the class and the log the detail', async () => {
    const url = await serve(() => {}); // never answers
    const started = Date.now();
    const backend = searxng(url, { timeoutMs: 300 });
    await expect(backend.search('slow')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(backend.detail()).toBe('did not answer within 0.3 s');
    expect(backend.warn.mock.lastCall?.[0]).toMatchObject({ webSearchUrl: url });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops at once when the phase is cancelled, with the cancel reason', async () => {
    const url = await serve(() => {});
    const cancel = new AbortController();
    const search = searxng(url).search('cancel me', cancel.signal);
    setTimeout(() => cancel.abort(new Error('task cancelled')), 50);
    await expect(search).rejects.toThrow('task cancelled');
  });

  it('refuses an HTTP error; the log has the status, with a hint for the 403 of an instance without the JSON format', async () => {
    const url = await serve((_req, res) => res.writeHead(403, { 'content-type': 'text/html' }).end('no'));
    const forbidden = searxng(url);
    await expect(forbidden.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(forbidden.detail()).toBe(
      'answered HTTP 403 Forbidden (is `json` under search.formats in its settings.yml?)',
    );
    server?.close();
    const broken = searxng(await serve((_req, res) => res.writeHead(502).end()));
    await expect(broken.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(broken.detail()).toBe('answered HTTP 502 Bad Gateway');
  });

  it('refuses a redirect instead of following it', async () => {
    const hits: string[] = [];
    const url = await serve((req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.startsWith('/search'))
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else res.writeHead(200).end('{"results":[]}');
    });
    const backend = searxng(url);
    await expect(backend.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(backend.detail()).toBe(
      'answered HTTP 302 with a redirect (not followed) to http://169.254.169.254/latest/meta-data/',
    );
    expect(hits).toEqual(['/search?q=q&format=json']);
  });

  it('refuses an answer that is not JSON, or JSON without results', async () => {
    const html = searxng(
      await serve((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>search</html>'),
      ),
    );
    await expect(html.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(html.detail()).toBe('did not answer JSON (text/html)');
    server?.close();
    const other = searxng(await serve((_req, res) => res.writeHead(200).end('{"hits":[]}')));
    await expect(other.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(other.detail()).toBe('answered JSON without a SearXNG "results" list');
  });

  it('refuses an answer larger than its cap', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(200).end(`{"results":[],"pad":"${'x'.repeat(5000)}"}`),
    );
    const backend = searxng(url, { maxBytes: 1000 });
    await expect(backend.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(backend.detail()).toBe('answered more than 1000 bytes');
  });

  it('tells the model the same for a closed port as for any other failure: no port scanning', async () => {
    const url = await serve(() => {});
    server?.close();
    const backend = searxng(url);
    await expect(backend.search('q')).rejects.toThrow(new WebSearchError(SEARCH_UNUSABLE));
    expect(backend.detail()).toMatch(/ECONNREFUSED/);
  });

  it("refuses loopback without the operator's opt-in, before connecting; works with it", async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200).end('{"results":[]}');
    });
    const refused = searxng(url, { allowPrivate: false });
    await expect(refused.search('q')).rejects.toThrow(new WebSearchError(SEARCH_ADDRESS_REFUSED));
    expect(refused.detail()).toMatch(/^127\.0\.0\.1:\d+ is a loopback address$/);
    expect(seen).toEqual([]);
    expect(await searxng(url, { allowPrivate: true }).search('q')).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('reads the opt-in from the worker environment when not given', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end('{"results":[]}'));
    const saved = process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
    try {
      delete process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
      await expect(new SearxngSearch(url).search('q', never)).rejects.toThrow(SEARCH_ADDRESS_REFUSED);
      process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE = 'on';
      expect(await new SearxngSearch(url).search('q', never)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
      else process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE = saved;
    }
  });

  /** A network whose DNS answers `answers` and whose requests are counted. */
  function spiedNetwork(answers: Record<string, string[]>) {
    const request = vi.fn(defaultNetwork.request);
    const lookup = vi.fn(async (hostname: string) =>
      (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
    return { network: { request, lookup } satisfies NetworkAccess, request };
  }

  it.each([
    'http://169.254.169.254',
    'http://169.254.169.254/latest/meta-data',
    'http://[fe80::1]:8080',
    'http://[::ffff:169.254.169.254]',
    'http://[fd00:ec2::254]',
    'http://100.100.100.200',
    'http://metadata.google.internal',
    'http://sneaky.example',
  ])(
    'refuses the link-local or metadata address %s even with the opt-in, without connecting',
    async (url) => {
      const { network, request } = spiedNetwork({ 'sneaky.example': ['93.184.216.34', '169.254.169.254'] });
      const backend = searxng(url, { allowPrivate: true, network });
      await expect(backend.search('q')).rejects.toThrow(new WebSearchError(SEARCH_ADDRESS_REFUSED));
      expect(request).not.toHaveBeenCalled();
    },
  );

  it('refuses a name that resolves to a private address without the opt-in', async () => {
    const { network, request } = spiedNetwork({ 'search.intranet': ['10.1.2.3'] });
    const backend = searxng('http://search.intranet', { allowPrivate: false, network });
    await expect(backend.search('q')).rejects.toThrow(new WebSearchError(SEARCH_ADDRESS_REFUSED));
    expect(backend.detail()).toBe('search.intranet is resolved to 10.1.2.3, a private address,');
    expect(request).not.toHaveBeenCalled();
  });

  it('connects to the address it vetted, not to a second DNS answer', async () => {
    const url = new URL(await serve((_req, res) => res.writeHead(200).end('{"results":[]}')));
    // "search.example" resolves to loopback once; the request must use that answer.
    const { network, request } = spiedNetwork({ 'search.example': ['127.0.0.1'] });
    const backend = searxng(`http://search.example:${url.port}`, { allowPrivate: true, network });
    expect(await backend.search('q')).toEqual([]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.lastCall?.[1].lookup).toBeTypeOf('function');
  });

  it('exists only for a team with a setting', () => {
    expect(webSearchBackendFor(null)).toBeNull();
    expect(webSearchBackendFor({ kind: 'searxng', url: 'http://127.0.0.1:8888' })).toBeInstanceOf(
      SearxngSearch,
    );
  });
});
