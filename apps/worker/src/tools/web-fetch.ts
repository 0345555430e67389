import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { z } from 'zod';
import {
  AddressRefusedError,
  defaultNetwork,
  type NetworkAccess,
  pinnedLookup,
  type ResolvedAddress,
  vetAddress,
} from './address-vetting';
import { defineTool, toolError } from './definition';
import { htmlToText } from './html-text';
import { capOutput } from './output-cap';

export { defaultNetwork, type NetworkAccess } from './address-vetting';

const MAX_REDIRECTS = 5;

/** A fetch the policy or the network refused; the message goes to the model. */
export class WebFetchError extends Error {}

export interface FetchSettings {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

export interface FetchedPage {
  url: string;
  status: number;
  statusText: string;
  contentType: string;
  body: Buffer;
  truncated: boolean;
}

/**
 * Checks a URL against the address policy (see address-vetting.ts) and returns the addresses to
 * connect to (null: let the system resolve, for allowed private access).
 */
async function vet(
  url: URL,
  settings: FetchSettings,
  network: NetworkAccess,
): Promise<ResolvedAddress[] | null> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebFetchError(
      `only http and https URLs can be fetched (got ${url.protocol.replace(/:$/, '')})`,
    );
  }
  try {
    return await vetAddress(url, settings.allowPrivate ? 'any' : 'public', network);
  } catch (error) {
    if (!(error instanceof AddressRefusedError)) throw error;
    if (error.kind === 'unresolved') throw new WebFetchError(`cannot resolve ${error.host}: ${error.what}`);
    throw new WebFetchError(
      `${error.host} is ${error.what}; fetching local, private, link-local and metadata addresses is refused unless the project allows private addresses`,
    );
  }
}

function send(url: URL, addresses: ResolvedAddress[] | null, signal: AbortSignal, network: NetworkAccess) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = network.request(url, {
      method: 'GET',
      signal,
      headers: {
        'user-agent': 'Switchyard-WebFetch/1.0',
        accept: 'text/html, text/plain, application/json, */*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      },
      ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
    });
    request.on('response', resolve);
    request.on('error', reject);
    request.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  switch (response.headers['content-encoding']) {
    case 'gzip':
      return response.pipe(zlib.createGunzip());
    case 'deflate':
      return response.pipe(zlib.createInflate());
    case 'br':
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = decoded(response);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= maxBytes) return { body: Buffer.concat(chunks), truncated: true };
    }
    return { body: Buffer.concat(chunks), truncated: false };
  } finally {
    stream.destroy();
    response.destroy();
  }
}

/** GET with the address policy checked before every hop (redirects followed by hand, at most 5). */
export async function fetchPage(
  target: string,
  settings: FetchSettings,
  network: NetworkAccess = defaultNetwork,
): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new WebFetchError(`"${target}" is not a valid URL; pass an absolute http(s) URL`);
  }
  const signal = AbortSignal.any([settings.signal, AbortSignal.timeout(settings.timeoutMs)]);
  for (let hop = 0; ; hop++) {
    const addresses = await vet(url, settings, network);
    const response = await send(url, addresses, signal, network);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (hop >= MAX_REDIRECTS)
        throw new WebFetchError(`more than ${MAX_REDIRECTS} redirects, stopped at ${url}`);
      url = new URL(location, url);
      continue;
    }
    const { body, truncated } = await readCapped(response, settings.maxBytes);
    return {
      url: url.toString(),
      status,
      statusText: response.statusMessage ?? '',
      contentType: response.headers['content-type'] ?? '',
      body,
      truncated,
    };
  }
}

function pageText(page: FetchedPage): string {
  const type = page.contentType.toLowerCase();
  const charset = /charset=([\w-]+)/.exec(type)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const isText = type === '' || /^text\/|json|xml|javascript|yaml|csv/.test(type);
  if (!isText || page.body.includes(0)) return `(binary content, ${page.body.length} bytes, not shown)`;
  const text = decoder.decode(page.body);
  return /html/.test(type) || /^\s*<(!doctype html|html)/i.test(text) ? htmlToText(text) : text;
}

const schema = z.object({
  url: z.string().min(1).describe('The http(s) URL to fetch.'),
});

export const webFetchTool = defineTool({
  name: 'WebFetch',
  description:
    'Fetch a web page or file over http(s) and return it as readable text (HTML converted). Private, local and metadata addresses are refused.',
  schema,
  async run(args, { policy, redact, signal }) {
    let page: FetchedPage;
    try {
      page = await fetchPage(args.url, {
        allowPrivate: policy.webFetchAllowPrivate,
        timeoutMs: policy.webFetchTimeoutMs,
        maxBytes: policy.webFetchMaxBytes,
        signal,
      });
    } catch (error) {
      if (error instanceof WebFetchError) return toolError(error.message);
      if (signal.aborted) return toolError('cancelled');
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return toolError(`${args.url} did not answer within ${policy.webFetchTimeoutMs} ms`);
      }
      return toolError(`fetching ${args.url} failed: ${(error as Error).message}`);
    }
    let text = `URL: ${page.url}\nStatus: ${page.status} ${page.statusText}\nContent-Type: ${page.contentType || '(none)'}\n\n${pageText(page)}`;
    if (page.truncated) text += `\n… [download stopped at ${policy.webFetchMaxBytes} bytes]`;
    const content = capOutput(redact(text), policy.outputCapBytes);
    return page.status >= 200 && page.status < 300 ? { content } : toolError(content);
  },
});
