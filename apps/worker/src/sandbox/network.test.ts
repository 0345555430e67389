import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsFor } from '../tools/test-worktree';
import { makeTestHost, type TestHost } from './test-host';

// A project's network allow list: the sandbox's proxy lets through the listed hosts and nothing
// else. The "registry" is a local server; the test's resolver maps its public name to it (the real
// resolver refuses every loopback and private address, which the last test relies on).

let host: TestHost;
let registry: http.Server;
let port: number;
const requests: string[] = [];

beforeAll(async () => {
  host = makeTestHost();
  registry = http.createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    res.end(`package index for ${req.url}`);
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  port = (registry.address() as AddressInfo).port;
});
afterAll(() => {
  registry?.close();
  host?.cleanup();
});

const env = { PATH: process.env.PATH, LANG: 'C.UTF-8' };
const names: Record<string, string> = {
  'registry.example.com': '127.0.0.1',
  'other.example.com': '127.0.0.1',
};
const resolveUpstream = async (name: string) => {
  const address = names[name];
  if (!address) throw new Error(`${name} has no address`);
  return address;
};

function allowing(networkAllow: string[], seam = true) {
  return toolsFor(host.worktree, {
    env,
    policy: { networkAllow },
    sandbox: { mode: 'on', ...(seam ? { resolveUpstream } : {}) },
  }).call;
}

describe("with a project's network allow list", () => {
  it('reaches an allowed host over plain HTTP and through a CONNECT tunnel, with curl and Python', async () => {
    const call = allowing([`registry.example.com:${port}`]);
    const url = `http://registry.example.com:${port}`;
    const outcome = await call('Bash', {
      command: `curl -sS ${url}/left-pad; echo; curl -sS --proxytunnel ${url}/tunnel; echo; python3 -c "import urllib.request; print(urllib.request.urlopen('${url}/py').read().decode())"`,
    });
    expect(outcome.content).toBe(
      'package index for /left-pad\npackage index for /tunnel\npackage index for /py\n[exit code: 0]',
    );
    expect(requests.slice(-3)).toEqual([
      `registry.example.com:${port} /left-pad`,
      `registry.example.com:${port} /tunnel`,
      `registry.example.com:${port} /py`,
    ]);
  });

  it('refuses a host not on the list with a message that says how to add it, and has no other way out', async () => {
    const call = allowing([`registry.example.com:${port}`]);
    const before = requests.length;
    const outcome = await call('Bash', {
      command: `curl -sS http://other.example.com:${port}/x; curl -sS --proxytunnel http://other.example.com:${port}/y; curl -sS --max-time 3 --noproxy '*' http://registry.example.com:${port}/direct 2>&1 | head -c 80; echo; curl -sS http://registry.example.com:${port + 1 > 65535 ? 1 : port + 1}/port 2>&1 | head -c 200`,
    });
    expect(outcome.content).toContain(
      `Switchyard sandbox: other.example.com:${port} is not in this project's network allow list (now: registry.example.com:${port}). A project admin can add it`,
    );
    expect(outcome.content).toContain('switchyard projects set-network');
    expect(outcome.content).toMatch(/Could not resolve host|Couldn't connect|Failed to connect/);
    expect(outcome.content).toMatch(/registry\.example\.com:\d+ is not in this project's network allow list/);
    expect(requests.length).toBe(before);
  });

  it('never reaches the host itself, even when the list names its loopback address', async () => {
    const call = allowing([`127.0.0.1:${port}`, `*.example.com:${port}`], false);
    const before = requests.length;
    const outcome = await call('Bash', {
      command: `NO_PROXY= no_proxy= curl -sS http://127.0.0.1:${port}/loopback; echo; curl -sS http://registry.example.com:${port}/named`,
    });
    expect(outcome.content).toContain(
      `Switchyard sandbox: 127.0.0.1:${port} refused: 127.0.0.1 resolves to 127.0.0.1 (loopback).`,
    );
    // The worker resolves names itself, and no DNS answer may point it at the host either.
    expect(outcome.content).toMatch(/Switchyard sandbox: registry\.example\.com:\d+ refused: /);
    expect(requests.length).toBe(before);
  });
});

describe('without an allow list (the default)', () => {
  it('has no proxy and no network at all', async () => {
    const call = allowing([]);
    const outcome = await call('Bash', {
      command: `echo "proxy=\${HTTP_PROXY:-none}"; curl -sS --max-time 3 http://registry.example.com:${port}/ 2>&1 | head -c 60`,
    });
    expect(outcome.content).toMatch(/^proxy=none\ncurl: \(6\) Could not resolve host/);
  });
});
