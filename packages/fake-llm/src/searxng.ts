import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One result as SearXNG's JSON API returns it (the fields Switchyard reads, plus a few it ignores). */
export interface FakeSearxngResult {
  url: string;
  title: string;
  content: string;
}

export interface FakeSearxngServer {
  /** The instance's address, as a team admin would enter it. */
  url: string;
  /** The `q` of every `/search` request, in order. */
  queries: string[];
  /** Answers later searches with these results (default: a result naming the query). */
  setResults(results: (query: string) => FakeSearxngResult[]): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for a SearXNG instance: `GET /search?q=…&format=json` answers
 * `{ query, number_of_results, results: [{ url, title, content, engine, score }], answers, … }`
 * like the real one; without `format=json` it answers 403, as an instance without the JSON format
 * enabled does.
 */
export async function startFakeSearxng(host = '127.0.0.1'): Promise<FakeSearxngServer> {
  const queries: string[] = [];
  let resultsFor = (query: string): FakeSearxngResult[] => [
    {
      url: `https://example.org/${encodeURIComponent(query)}`,
      title: `About ${query}`,
      content: `${query}.`,
    },
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-searxng');
    if (req.method !== 'GET' || url.pathname !== '/search') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    if (url.searchParams.get('format') !== 'json') {
      res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>403 Forbidden</h1>');
      return;
    }
    const query = url.searchParams.get('q') ?? '';
    queries.push(query);
    const results = resultsFor(query).map((r, i) => ({
      ...r,
      engine: 'fake',
      engines: ['fake'],
      score: 1 / (i + 1),
      category: 'general',
    }));
    const body = {
      query,
      number_of_results: results.length,
      results,
      answers: [],
      corrections: [],
      infoboxes: [],
      suggestions: [],
      unresponsive_engines: [],
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    queries,
    setResults(results) {
      resultsFor = results;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
