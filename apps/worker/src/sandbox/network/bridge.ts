/** Port of the proxy inside the sandbox's own network namespace (its loopback, not the host's). */
export const SANDBOX_PROXY_PORT = 3128;
/** Where the host side of the proxy (a Unix socket) appears inside the sandbox. */
export const SANDBOX_PROXY_SOCKET = '/run/switchyard/proxy.sock';

/**
 * Runs inside the sandbox, in its empty network namespace: listens on 127.0.0.1:3128 there and
 * carries each connection to the worker's filtering proxy over the Unix socket that is mounted in.
 * Prints one line when it listens, so the command starts only once the proxy is reachable.
 */
export const BRIDGE_SOURCE = `
const net = require('node:net');
const [port, socketPath] = process.argv.slice(2);
const server = net.createServer((inside) => {
  const outside = net.connect(socketPath);
  inside.pipe(outside).pipe(inside);
  const close = () => { inside.destroy(); outside.destroy(); };
  inside.on('error', close);
  outside.on('error', close);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;
