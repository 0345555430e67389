import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeWorktree, toolsFor } from './test-worktree';
import { defaultNetwork, fetchPage, type NetworkAccess } from './web-fetch';

let server: http.Server;
let base: string;
const worktree = makeWorktree();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/redirect-to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (req.url === '/hop') {
      res.writeHead(301, { location: '/page' }).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><title>Local page</title><style>p{}</style></head><body><h1>Hello</h1><p>a &amp; b</p></body></html>',
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  worktree.cleanup();
});

/** The real network, with spies that prove whether a request or a DNS lookup was attempted. */
function spiedNetwork(answers: Record<string, string[]> = {}) {
  const request = vi.fn(defaultNetwork.request);
  const lookup = vi.fn(async (hostname: string) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: 4 })),
  );
  return { network: { request, lookup } satisfies NetworkAccess, request, lookup };
}
const settings = (allowPrivate = false) => ({
  allowPrivate,
  timeoutMs: 5_000,
  maxBytes: 1_000_000,
  signal: new AbortController().signal,
});

describe('WebFetch address policy', () => {
  it.each([
    'http://127.0.0.1/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://localhost/',
    'http://metadata.google.internal/',
  ])('refuses %s before any connection is attempted', async (url) => {
    const { network, request } = spiedNetwork();
    await expect(fetchPage(url, settings(), network)).rejects.toThrow(
      /refused unless the project allows private addresses/,
    );
    expect(request).not.toHaveBeenCalled();
  });

  it('refuses a name that resolves to a private address, without connecting', async () => {
    const { network, request, lookup } = spiedNetwork({ 'intranet.example': ['93.184.216.34', '10.1.2.3'] });
    await expect(fetchPage('http://intranet.example/', settings(), network)).rejects.toThrow(
      /resolved to 10\.1\.2\.3/,
    );
    expect(lookup).toHaveBeenCalledWith('intranet.example');
    expect(request).not.toHaveBeenCalled();
  });

  it('follows redirects itself, one checked request per hop', async () => {
    const blockedHop = spiedNetwork();
    const page = await fetchPage(`${base}/hop`, settings(true), blockedHop.network);
    expect(page.url).toBe(`${base}/page`);
    expect(blockedHop.request).toHaveBeenCalledTimes(2);
  });

  it('refuses a redirect to 169.254.169.254 even from an allowed public host', async () => {
    // A "public" name pinned (by the lookup) to the local test server: the redirect target is then refused.
    const port = (server.address() as AddressInfo).port;
    const { network } = spiedNetwork({ 'public.example': ['93.184.216.34'] });
    network.request = vi.fn((url: URL, options: http.RequestOptions) =>
      defaultNetwork.request(new URL(`http://127.0.0.1:${port}${url.pathname}`), {
        ...options,
        lookup: undefined,
      }),
    );
    await expect(
      fetchPage('http://public.example/redirect-to-metadata', settings(), network),
    ).rejects.toThrow(/169\.254\.169\.254 is a link-local \(cloud metadata\) address/);
    expect(network.request).toHaveBeenCalledTimes(1);
  });
});

describe('WebFetch tool', () => {
  it('refuses loopback by default and fetches it as readable text when the project allows private addresses', async () => {
    const refused = await toolsFor(worktree.dir).call('WebFetch', { url: `${base}/page` });
    expect(refused).toMatchObject({
      isError: true,
      content: expect.stringMatching(/^WebFetch: 127\.0\.0\.1:\d+ is a loopback address/),
    });
    const allowed = await toolsFor(worktree.dir, { policy: { webFetchAllowPrivate: true } }).call(
      'WebFetch',
      {
        url: `${base}/page`,
      },
    );
    expect(allowed.isError).toBeUndefined();
    expect(allowed.content).toContain('Status: 200 OK');
    expect(allowed.content).toContain('Local page\n\nHello\n\na & b');
    expect(allowed.content).not.toContain('<h1>');
  });

  it('refuses other schemes', async () => {
    const outcome = await toolsFor(worktree.dir).call('WebFetch', { url: 'file:///etc/passwd' });
    expect(outcome.content).toBe('WebFetch: only http and https URLs can be fetched (got file)');
  });
});
