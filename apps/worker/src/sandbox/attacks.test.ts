import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toolsFor } from '../tools/test-worktree';
import { makeTestHost, type TestHost } from './test-host';

// The attack corpus of issue 14: each command is what a prompt-injected agent would try from Bash.
// Every one must fail: no secret, no file outside the worktree, no host service, no other process.

let host: TestHost;
let secretHolder: ChildProcess;
let listener: http.Server;
let listenerHits = 0;
let call: ReturnType<typeof toolsFor>['call'];
const workerSecrets = {
  DATABASE_URL: `postgresql://switchyard:pw-${process.pid}-db@127.0.0.1:5432/switchyard`,
  SWITCHYARD_SECRET_KEY: `secret-key-${process.pid}-${Date.now()}`,
};

beforeAll(async () => {
  host = makeTestHost();
  // A process of the worker's user whose environment holds the worker's secrets, as the worker's does.
  secretHolder = spawn('sleep', ['600'], { env: { ...process.env, ...workerSecrets }, stdio: 'ignore' });
  // A host loopback service (as PostgreSQL, the dashboard and the fake providers are).
  listener = http.createServer((_req, res) => {
    listenerHits += 1;
    res.end('reached the host');
  });
  await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
  ({ call } = toolsFor(host.worktree, {
    env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
    sandbox: { mode: 'on' },
  }));
});

afterAll(() => {
  secretHolder?.kill('SIGKILL');
  listener?.close();
  host?.cleanup();
});

const port = () => (listener.address() as AddressInfo).port;
const hostAddresses = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4')
    .map((i) => i!.address);

function hostProcessesMatching(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Every secret a test host holds, as text and as base64 (redaction cannot catch the latter). */
function leaked(output: string): string[] {
  const decoded = [...output.matchAll(/[A-Za-z0-9+/=]{16,}/g)].map((m) =>
    Buffer.from(m[0], 'base64').toString('latin1'),
  );
  const haystack = [output, ...decoded].join('\n');
  const secrets = [...Object.values(host.markers), ...Object.values(workerSecrets), 'pw-'];
  return secrets.filter((s) => haystack.includes(s));
}

/**
 * Runs an attack as a determined agent would: encoded, so the worker's command policy (which
 * reads the command text) cannot see it. What stops it must be the sandbox. Asserts it ran.
 */
async function bash(command: string, timeoutMs = 20_000) {
  const encoded = Buffer.from(command).toString('base64');
  const outcome = await call('Bash', {
    command: `eval "$(echo ${encoded} | base64 -d)"`,
    timeout_ms: timeoutMs,
  });
  expect(outcome.content).toMatch(/\[(exit code: \d+|killed by \w+|timed out after \d+ ms[^\]]*)\]$/);
  return outcome.content;
}

describe('an agent in the sandbox cannot read the worker secrets', () => {
  it.each([
    ['the parent process environment', 'cat /proc/$PPID/environ; cat /proc/1/environ'],
    ['every process environment, base64-encoded', 'cat /proc/*/environ 2>/dev/null | base64 -w0'],
    ['the secret holder by its host pid', () => `cat /proc/${secretHolder.pid}/environ | base64`],
    ['the environment it was given', 'env | base64 -w0; echo; printenv DATABASE_URL SWITCHYARD_SECRET_KEY'],
    [
      'the install .env and data folder',
      () => `cat ${host.install}/.env ${host.install}/.data/pg/PG_VERSION`,
    ],
    [
      'another task\u2019s worktree',
      () => `cat ${host.otherWorktree}/notes.txt; ls ${path.dirname(host.worktree)}`,
    ],
    [
      'the remote URL token of the repository',
      () => `git remote -v; git config --get remote.origin.url; cat ${host.repo}/.git/config`,
    ],
    [
      'the host root user and system secrets',
      'cat /etc/shadow /etc/gshadow; ls -a /root; cat /root/.bash_history',
    ],
    ['a file through a symlink made inside', () => `ln -s ${host.install}/.env leak && cat leak`],
    ['a file through a path in a variable', () => `d=${host.install}; cat "$d/.env"`],
    [
      'a file with interpreters',
      () =>
        `python3 -c "print(open('${host.install}/.env').read())"; node -e "console.log(require('fs').readFileSync('${host.install}/.env','utf8'))"`,
    ],
    [
      'the host through /proc/<pid>/root',
      () => `cat /proc/${secretHolder.pid}/root${host.install}/.env; cat /proc/1/root${host.install}/.env`,
    ],
  ])('%s', async (_name, command) => {
    const output = await bash(typeof command === 'function' ? command() : command);
    expect(leaked(output)).toEqual([]);
  });

  it('sees only the worktree of its task and no file of the worker host', async () => {
    const listing = await bash(
      `ls -a ${host.install} ${host.install}/.data ${path.dirname(host.worktree)}; ls / ; ls /home`,
    );
    expect(listing).not.toContain('.env');
    expect(listing).not.toContain('pg');
    expect(listing).not.toContain('task-2');
    expect(listing).toContain('task-1');
    expect(listing).not.toMatch(/\bwork\b|\bsrv\b|\bvar\b/);
  });
});

describe('an agent in the sandbox cannot write outside the worktree', () => {
  const outside = () => path.join(host.root, `pwned-${Math.random().toString(36).slice(2)}`);
  it.each([
    [
      'cd /tmp and touch',
      (target: string) =>
        `cd /tmp && touch pwned-by-agent && cd ${path.dirname(target)} && touch ${path.basename(target)}`,
    ],
    ['python open()', (target: string) => `python3 -c "open('${target}','w').write('x')"`],
    ['node fs', (target: string) => `node -e "require('fs').writeFileSync('${target}','x')"`],
    ['a path held in a variable', (target: string) => `t=${target}; echo x > "$t"`],
    [
      'a symlink made inside that points outside',
      (target: string) => `ln -s ${path.dirname(target)} out && echo x > out/${path.basename(target)}`,
    ],
    ['.. from the worktree', (target: string) => `cd ../../../.. && echo x > ${target}`],
    ['the install folder', (_target: string) => `echo x >> ${host.install}/.env`],
  ])('%s', async (_name, command) => {
    const target = outside();
    const before = readFileSync(path.join(host.install, '.env'), 'utf8');
    await bash(command(target));
    expect(existsSync(target)).toBe(false);
    expect(existsSync('/tmp/pwned-by-agent')).toBe(false);
    expect(readFileSync(path.join(host.install, '.env'), 'utf8')).toBe(before);
  });

  it('cannot change the repository: hooks, config, refs and other branches stay as they were', async () => {
    const main = host.git(host.repo, 'rev-parse', 'main');
    const config = readFileSync(path.join(host.repo, '.git', 'config'), 'utf8');
    const output = await bash(
      [
        'mkdir -p $(git rev-parse --git-common-dir)/hooks',
        'echo "touch /tmp/hooked" > $(git rev-parse --git-common-dir)/hooks/pre-commit',
        'git config core.hooksPath /tmp',
        'git config --global user.name Mallory',
        'git update-ref refs/heads/main $(git commit-tree HEAD^{tree} -m forged)',
        'git branch -f main HEAD',
        'git commit --allow-empty -m sneaky',
        'rm -rf $(git rev-parse --git-common-dir)/objects',
      ].join('; '),
    );
    expect(output).toMatch(/Read-only file system|cannot lock ref|unable to/);
    expect(existsSync(path.join(host.repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(readFileSync(path.join(host.repo, '.git', 'config'), 'utf8')).toBe(config);
    expect(host.git(host.repo, 'rev-parse', 'main')).toBe(main);
    expect(host.git(host.worktree, 'log', '--format=%s', '-1').trim()).toBe('initial');
    expect(host.git(host.repo, 'fsck', '--no-progress').trim()).toBe('');
  });
});

describe('an agent in the sandbox cannot reach the network or other processes', () => {
  it.each([
    [
      'PostgreSQL on the host loopback (python socket)',
      "python3 -c \"import socket; socket.create_connection(('127.0.0.1', 5432), 3); print('CONNECTED')\"",
    ],
    [
      'PostgreSQL through its Unix socket',
      'ls /var/run/postgresql /run/postgresql 2>&1; psql -h /var/run/postgresql -U postgres -c "select 1" 2>&1 && echo CONNECTED',
    ],
    ['a host service with curl', () => `curl -s --max-time 3 http://127.0.0.1:${port()}/ && echo CONNECTED`],
    ['a host service with bash /dev/tcp', () => `exec 3<>/dev/tcp/127.0.0.1/${port()} && echo CONNECTED`],
    [
      'the host on its other addresses',
      () =>
        hostAddresses()
          .map((a) => `curl -s --max-time 3 http://${a}:${port()}/ && echo CONNECTED`)
          .join('; '),
    ],
    [
      'an outside host (DNS and direct IP)',
      'curl -s --max-time 5 https://registry.npmjs.org/ && echo CONNECTED; curl -s --max-time 5 http://1.1.1.1/ && echo CONNECTED',
    ],
    [
      'an outside host with node',
      "node -e \"require('https').get('https://registry.npmjs.org/', () => console.log('CONNECTED')).on('error', e => console.log(e.code))\"",
    ],
  ])('%s', async (_name, command) => {
    const before = listenerHits;
    const output = await bash(typeof command === 'function' ? command() : command);
    expect(output).not.toContain('CONNECTED');
    expect(output).not.toContain('reached the host');
    expect(listenerHits).toBe(before);
  });

  it('sees no other process and cannot signal the worker', async () => {
    const output = await bash(
      `ls /proc | grep -cE '^[0-9]+$'; kill -0 ${process.pid} && echo SIGNALLED; kill -9 ${secretHolder.pid} && echo SIGNALLED; pkill sleep; echo done`,
    );
    const processes = Number(output.split('\n')[0]);
    expect(processes).toBeGreaterThan(0);
    expect(processes).toBeLessThan(10);
    expect(output).not.toContain('SIGNALLED');
    expect(secretHolder.exitCode).toBeNull();
    expect(secretHolder.signalCode).toBeNull();
  });

  it('runs as an unprivileged user with no capabilities', async () => {
    const output = await bash(
      'id -u; grep CapEff /proc/self/status; mount -t tmpfs x /mnt 2>&1 || echo MOUNT-REFUSED',
    );
    expect(output).toMatch(/^65534\n/);
    expect(output).toMatch(/CapEff:\s+0000000000000000/);
    expect(output).toContain('MOUNT-REFUSED');
  });

  it('bounds a fork bomb and stops every process it made', async () => {
    const bombCommand = ':(){ :|:& };:; sleep 10';
    const bomb = await bash(bombCommand, 3_000);
    expect(bomb).toMatch(/timed out after 3000 ms/);
    const encoded = Buffer.from(bombCommand).toString('base64');
    await vi.waitFor(() => expect(hostProcessesMatching(encoded)).toEqual([]), { timeout: 5_000 });
    // The machine still works, and nothing of the bomb is left.
    const after = await bash('echo alive');
    expect(after).toBe('alive\n[exit code: 0]');
    // Count what it may start: forks fail at the limit instead of taking the machine.
    const forks = await bash(
      `python3 -c "
import os, time
n = 0
while n < 5000:
    try:
        pid = os.fork()
    except OSError as error:
        print('forks', n, error.strerror)
        break
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    n += 1
else:
    print('forks', n, 'unbounded')
"`,
      20_000,
    );
    const [, made, why] = forks.match(/forks (\d+) (.+)/) ?? [];
    expect(why).toBe('Resource temporarily unavailable');
    expect(Number(made)).toBeLessThan(1024);
  }, 30_000);
});
