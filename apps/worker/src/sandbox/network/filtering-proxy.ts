import { lookup } from 'node:dns/promises';
import http from 'node:http';
import net from 'node:net';
import { blockedAddressReason, isBlockedHostname } from './address-policy';
import { type HostRule, isAllowed } from './allow-list';

export interface ProxyDecision {
  host: string;
  port: number;
  allowed: boolean;
  reason?: string;
}

export interface FilteringProxyOptions {
  rules: readonly HostRule[];
  /** How the project's list reads in a refusal ("registry.npmjs.org, *.pypi.org" or "none"). */
  describeList: string;
  /**
   * Resolves an allowed host to the address to connect to. The default refuses every loopback,
   * private and link-local address (the host's own services, its network, cloud metadata), so an
   * allowed name that resolves there (or `localhost`) is refused too. Tests replace it.
   */
  resolveUpstream?: (host: string) => Promise<string>;
  onDecision?: (decision: ProxyDecision) => void;
}

export interface FilteringProxy {
  close(): Promise<void>;
}

class RefusedError extends Error {}

async function resolvePublic(host: string): Promise<string> {
  if (isBlockedHostname(host)) throw new RefusedError(`${host} is this machine or a metadata service`);
  const addresses = net.isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) throw new RefusedError(`${host} resolves to ${address} (${reason})`);
  }
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  return addresses[0]!.address;
}

/**
 * The only way out of a sandbox that a project lets reach the network: an HTTP proxy (CONNECT for
 * HTTPS, absolute URLs for plain HTTP) on a Unix socket, which lets through the hosts of the
 * project's allow list and nothing else. Each request is checked (a kept-alive connection cannot
 * switch host), and names are resolved here, so the sandbox needs no DNS.
 */
export function startFilteringProxy(
  socketPath: string,
  options: FilteringProxyOptions,
): Promise<FilteringProxy> {
  const resolveUpstream = options.resolveUpstream ?? resolvePublic;
  const refusal = (host: string, port: number, why?: string) =>
    why
      ? `Switchyard sandbox: ${host}:${port} refused: ${why}.\n`
      : `Switchyard sandbox: ${host}:${port} is not in this project's network allow list (now: ${options.describeList}). A project admin can add it in the project's settings (dashboard, API or \`switchyard projects set-network\`).\n`;

  const decide = async (host: string, port: number): Promise<{ address: string } | { refused: string }> => {
    if (!isAllowed(options.rules, host, port)) {
      options.onDecision?.({ host, port, allowed: false, reason: 'not in the allow list' });
      return { refused: refusal(host, port) };
    }
    try {
      const address = await resolveUpstream(host);
      options.onDecision?.({ host, port, allowed: true });
      return { address };
    } catch (error) {
      const why = (error as Error).message;
      options.onDecision?.({ host, port, allowed: false, reason: why });
      return { refused: refusal(host, port, why) };
    }
  };

  const server = http.createServer(async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
      if (url.protocol !== 'http:') throw new Error('not http');
    } catch {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Switchyard sandbox proxy: send an absolute http:// URL, or CONNECT for https.\n');
      return;
    }
    const port = Number(url.port || 80);
    const decision = await decide(url.hostname, port);
    if ('refused' in decision) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(decision.refused);
      return;
    }
    const upstream = http.request(
      {
        host: decision.address,
        port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`Switchyard sandbox proxy: ${url.host} failed: ${error.message}\n`);
    });
    req.pipe(upstream);
  });

  server.on('connect', async (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const target = (req.url ?? '').match(/^\[?([^\]]+?)\]?:(\d+)$/);
    if (!target) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nCONNECT needs host:port\n');
      return;
    }
    const host = target[1]!;
    const port = Number(target[2]);
    const decision = await decide(host, port);
    if ('refused' in decision) {
      client.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${decision.refused}`,
      );
      return;
    }
    const upstream = net.connect({ host: decision.address, port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (client.writable)
        client.end(
          `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\n\r\n${host}:${port} failed: ${error.message}\n`,
        );
      client.destroy();
    });
    sockets.add(upstream);
    client.on('close', () => upstream.destroy());
  });

  // Tunnels leave the HTTP server's bookkeeping: keep every socket to end them all on close.
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
