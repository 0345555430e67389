import type { IncomingMessage } from 'node:http';
import type { WebSearchSetting } from '@switchyard/db';
import { z } from 'zod';
import type { Logger } from '../logger';
import {
  AddressRefusedError,
  defaultNetwork,
  type NetworkAccess,
  pinnedLookup,
  type ResolvedAddress,
  vetAddress,
} from './address-vetting';
import type { WebSearchBackend, WebSearchResult } from './definition';

/** A search that failed; the message goes to the model (through the WebSearch tool). */
export class WebSearchError extends Error {}

/** The worker's opt-in to a search backend on loopback or a private network (validated in config.ts). */
export const WEB_SEARCH_ALLOW_PRIVATE_ENV = 'SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE';

// What the model (and the task log, seen by the whole team) is told: only the class of the failure,
// so that a URL pointed at the worker's network does not report which ports answer and how. The
// worker log has the detail for the operator.
export const SEARCH_ADDRESS_REFUSED =
  "the team's search backend could not be used: its address is not allowed on this worker (loopback and private addresses need SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE=on on the worker; link-local and cloud-metadata addresses are always refused)";
export const SEARCH_UNUSABLE =
  "the team's search backend could not be used: no SearXNG answer (unreachable, too slow, an HTTP error or redirect, or not SearXNG's JSON; the worker log has the detail)";

export interface SearxngOptions {
  /** Default 15_000. */
  timeoutMs?: number;
  /** The answer is refused past this size. Default 2_000_000. */
  maxBytes?: number;
  /**
   * Loopback and private addresses allowed (link-local and metadata never are). Default: the
   * worker's SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE=on.
   */
  allowPrivate?: boolean;
  /** The worker log: where the detail of a failure goes. */
  log?: Pick<Logger, 'warn'>;
  /** Tests: the DNS lookup and the request. */
  network?: NetworkAccess;
}

/** Why the answer is unusable, for the worker log only. */
class Unusable extends Error {}

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
 * A team's SearXNG instance, queried from the worker host (never from the sandbox). The URL is set
 * by a team admin, that is by any user (each owns a team), so its address is vetted like WebFetch's:
 * public only, unless the operator allows loopback and private addresses; never link-local or cloud
 * metadata. Redirects are not followed.
 */
export class SearxngSearch implements WebSearchBackend {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly allowPrivate: boolean;
  private readonly network: NetworkAccess;

  constructor(
    private readonly baseUrl: string,
    private readonly options: SearxngOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 2_000_000;
    this.allowPrivate = options.allowPrivate ?? process.env[WEB_SEARCH_ALLOW_PRIVATE_ENV] === 'on';
    this.network = options.network ?? defaultNetwork;
  }

  async search(query: string, signal: AbortSignal): Promise<WebSearchResult[]> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.query(query, AbortSignal.any([signal, timeout]));
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      const refused = error instanceof AddressRefusedError && error.kind === 'refused';
      const detail = timeout.aborted
        ? `did not answer within ${this.timeoutMs / 1000} s`
        : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      this.options.log?.warn(
        { webSearchUrl: this.baseUrl, detail },
        "the team's search backend could not be used",
      );
      throw new WebSearchError(refused ? SEARCH_ADDRESS_REFUSED : SEARCH_UNUSABLE);
    }
  }

  private async query(query: string, signal: AbortSignal): Promise<WebSearchResult[]> {
    const url = new URL(`${this.baseUrl.replace(/\/+$/, '')}/search`);
    url.searchParams.set('q', query);
    url.searchParams.set('format', 'json');
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Unusable(`${url.protocol} is not http or https`);
    const addresses = await vetAddress(url, this.allowPrivate ? 'private' : 'public', this.network);
    const response = await this.send(url, addresses, signal);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      response.destroy();
      if (status >= 300 && status < 400)
        throw new Unusable(
          `answered HTTP ${status} with a redirect (not followed) to ${response.headers.location}`,
        );
      const hint = status === 403 ? ' (is `json` under search.formats in its settings.yml?)' : '';
      throw new Unusable(`answered HTTP ${status} ${response.statusMessage ?? ''}${hint}`);
    }
    const text = await readCapped(response, this.maxBytes);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Unusable(`did not answer JSON (${response.headers['content-type'] ?? 'no content type'})`);
    }
    const parsed = SearxngAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new Unusable('answered JSON without a SearXNG "results" list');
    return parsed.data.results.map((r) => ({
      url: r.url,
      title: r.title ?? r.url,
      snippet: r.content ?? '',
    }));
  }

  private send(url: URL, addresses: ResolvedAddress[] | null, signal: AbortSignal) {
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = this.network.request(url, {
        method: 'GET',
        signal,
        headers: { accept: 'application/json', 'user-agent': 'Switchyard-WebSearch/1.0' },
        ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
      });
      request.on('response', resolve);
      request.on('error', reject);
      request.end();
    });
  }
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new Unusable(`answered more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } finally {
    response.destroy();
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
