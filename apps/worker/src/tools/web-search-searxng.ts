import type { WebSearchSetting } from '@switchyard/db';
import { z } from 'zod';
import type { WebSearchBackend, WebSearchResult } from './definition';

/** A search that failed; the message goes to the model (through the WebSearch tool) and says why. */
export class WebSearchError extends Error {}

export interface SearxngOptions {
  /** Default 15_000. */
  timeoutMs?: number;
  /** The answer is refused past this size. Default 2_000_000. */
  maxBytes?: number;
}

// SearXNG's JSON API (`format=json`): only what the tool shows; instances add many other fields.
const SearxngAnswerSchema = z.object({
  results: z.array(
    z.object({
      url: z.string(),
      title: z.string().nullish(),
      content: z.string().nullish(),
    }),
  ),
});

/**
 * A team's SearXNG instance, queried from the worker host (never from the sandbox). The URL is
 * set by a team admin, so it may be loopback or private, unlike the URLs WebFetch accepts.
 */
export class SearxngSearch implements WebSearchBackend {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(
    private readonly baseUrl: string,
    options: SearxngOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 2_000_000;
  }

  async search(query: string, signal: AbortSignal): Promise<WebSearchResult[]> {
    const url = new URL(`${this.baseUrl.replace(/\/+$/, '')}/search`);
    url.searchParams.set('q', query);
    url.searchParams.set('format', 'json');
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const where = `the SearXNG instance at ${this.baseUrl}`;
    let text: string;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.any([signal, timeout]),
      });
      text = await readCapped(response, this.maxBytes);
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      if (timeout.aborted)
        throw new WebSearchError(`${where} did not answer within ${this.timeoutMs / 1000} s`);
      if (error instanceof WebSearchError) throw new WebSearchError(`${where} ${error.message}`);
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new WebSearchError(`${where} cannot be reached: ${cause}`);
    }
    if (!response.ok) {
      const hint =
        response.status === 403
          ? ' (is the JSON format enabled? SearXNG needs `json` under search.formats in settings.yml)'
          : '';
      throw new WebSearchError(`${where} answered HTTP ${response.status} ${response.statusText}${hint}`);
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new WebSearchError(
        `${where} did not answer JSON (${type}): is the URL the instance's address, with the JSON format enabled?`,
      );
    }
    const parsed = SearxngAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new WebSearchError(`${where} answered JSON without a SearXNG "results" list`);
    return parsed.data.results.map((r) => ({
      url: r.url,
      title: r.title ?? r.url,
      snippet: r.content ?? '',
    }));
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new WebSearchError(`answered more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The backend of a team's setting; null (no WebSearch tool) without one. */
export function webSearchBackendFor(
  setting: WebSearchSetting | null,
  options?: SearxngOptions,
): WebSearchBackend | null {
  if (!setting) return null;
  return new SearxngSearch(setting.url, options);
}
