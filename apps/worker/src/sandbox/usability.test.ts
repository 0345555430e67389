import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toolsFor } from '../tools/test-worktree';
import { commitWorktree } from '../worktree';
import { probeBubblewrap, SandboxUnavailableError } from './bubblewrap';
import { makeTestHost, type TestHost } from './test-host';

// What an agent still does in the sandbox: git in its worktree, the system's node, npm and python,
// the project's tests, temporary files; and timeout and cancel still stop everything it started.

let host: TestHost;
beforeEach(() => {
  host = makeTestHost({
    'package.json': JSON.stringify({ name: 'cart', version: '1.0.0', scripts: { test: 'node --test' } }),
    'cart.js': 'exports.total = (items) => items.reduce((sum, i) => sum + i.price * i.qty, 0);\n',
    'cart.test.js':
      "const test = require('node:test');\nconst assert = require('node:assert');\nconst { total } = require('./cart');\ntest('total', () => assert.strictEqual(total([{ price: 2, qty: 3 }]), 6));\n",
    'test_slug.py':
      "import unittest\n\nclass Slug(unittest.TestCase):\n    def test_lower(self):\n        self.assertEqual('Cart'.lower(), 'cart')\n\nif __name__ == '__main__':\n    unittest.main()\n",
  });
});
afterEach(() => host.cleanup());

const env = () => ({ PATH: process.env.PATH, LANG: 'C.UTF-8' });
const ON = { mode: 'on' } as const;

describe('inside the sandbox an agent can still', () => {
  it("run the project's npm tests and a Python test suite with the system's node, npm and python", async () => {
    const { call } = toolsFor(host.worktree, { env: env(), sandbox: ON });
    const npm = await call('Bash', { command: 'npm test 2>&1' });
    expect(npm.content).toMatch(/# pass 1/);
    expect(npm.content).toMatch(/\[exit code: 0\]$/);
    const python = await call('Bash', { command: 'python3 -m unittest -v test_slug 2>&1' });
    expect(python.content).toMatch(/test_lower .* ok/);
    expect(python.content).toMatch(/\[exit code: 0\]$/);
  });

  it('use git status, diff and add in its worktree, and the worker commits the work afterwards', async () => {
    const { call } = toolsFor(host.worktree, { env: env(), sandbox: ON });
    writeFileSync(path.join(host.worktree, 'cart.js'), 'exports.total = () => 0;\n');
    const git = await call('Bash', {
      command:
        'git status --short && git diff --stat && git add -A && git diff --cached --name-only && git log --oneline -1',
    });
    expect(git.content).toContain(' M cart.js');
    expect(git.content).toContain('1 file changed');
    expect(git.content).toMatch(/cart\.js\n[0-9a-f]+ initial\n\[exit code: 0\]$/);
    // Commits are the worker's: its view of the worktree is intact and it records the change.
    const commit = await commitWorktree(
      { path: host.worktree, branch: 'switchyard/task-1', baseBranch: 'main', baseCommit: 'main' },
      'coding: total',
    );
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(host.git(host.worktree, 'show', '--stat', '--format=%s', 'HEAD')).toContain('cart.js');
    const after = await call('Bash', { command: 'git status --short; git log --format=%s -1' });
    expect(after.content).toBe('coding: total\n[exit code: 0]');
  });

  it('write temporary files and a HOME of its own, private to each call', async () => {
    const { call } = toolsFor(host.worktree, { env: env(), sandbox: ON });
    const first = await call('Bash', {
      command:
        'f=$(mktemp) && echo scratch > "$f" && cat "$f" && echo x > ~/.cache-probe && echo "HOME=$HOME" && echo "$f"',
    });
    const [scratch, home, file] = first.content.split('\n');
    expect([scratch, home]).toEqual(['scratch', 'HOME=/home/agent']);
    expect(file).toMatch(/^\/tmp\/tmp\.\w+$/);
    expect(first.content).toMatch(/\[exit code: 0\]$/);
    const second = await call('Bash', {
      command: `ls -A ~ | wc -l; test -e ${file} && echo still there || echo gone`,
    });
    expect(second.content).toBe('0\ngone\n[exit code: 0]');
  });

  it('be stopped by the timeout, every process included (setsid and nohup too)', async () => {
    const marker = `61.${process.pid}${Math.floor(Math.random() * 1e6)}`;
    const { call } = toolsFor(host.worktree, { env: env(), sandbox: ON, policy: { bashTimeoutMs: 800 } });
    const outcome = await call('Bash', {
      command: `setsid sleep ${marker} & nohup sleep ${marker} & sleep ${marker}`,
    });
    expect(outcome.content).toMatch(/timed out after 800 ms/);
    await vi.waitFor(() => expect(sleeping(marker)).toEqual([]), { timeout: 3_000 });
  });

  it('be cancelled, every process included, within 2 s', async () => {
    const marker = `62.${process.pid}${Math.floor(Math.random() * 1e6)}`;
    const { call } = toolsFor(host.worktree, { env: env(), sandbox: ON });
    const controller = new AbortController();
    const pending = call('Bash', { command: `setsid sleep ${marker} & sleep ${marker}` }, controller.signal);
    await vi.waitFor(() => expect(sleeping(marker)).toHaveLength(2), { timeout: 5_000 });
    const abortedAt = Date.now();
    controller.abort();
    const outcome = await pending;
    expect(Date.now() - abortedAt).toBeLessThan(2_000);
    expect(outcome.content).toContain('cancelled');
    await vi.waitFor(() => expect(sleeping(marker)).toEqual([]), { timeout: 3_000 });
  });
});

function sleeping(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^sleep ${marker}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return [];
  }
}

describe('without bubblewrap', () => {
  it('names the package and the install command, and the toolbox refuses Bash', () => {
    const status = probeBubblewrap('/nonexistent');
    expect(status).toEqual({ ok: false, reason: 'bubblewrap (bwrap) is not installed on this machine' });
    const create = () => toolsFor(host.worktree, { sandbox: { bubblewrap: status } });
    expect(create).toThrow(SandboxUnavailableError);
    expect(create).toThrow(/apt-get install -y bubblewrap/);
    expect(create).toThrow(/SWITCHYARD_SANDBOX=off/);
  });

  it('still offers the read-only tools, Grep searching in process', async () => {
    const status = probeBubblewrap('/nonexistent');
    const { call } = toolsFor(host.worktree, { sandbox: { bubblewrap: status }, only: ['Read', 'Grep'] });
    expect((await call('Grep', { pattern: 'reduce' })).content).toContain('cart.js');
  });

  it('runs commands on the host only when the operator turned the sandbox off', async () => {
    const { toolbox, call } = toolsFor(host.worktree, { env: env(), sandbox: { mode: 'off' } });
    expect(toolbox.sandbox).toBe('off');
    const outcome = await call('Bash', { command: `cat ${host.install}/.env` });
    expect(outcome.content).toContain(host.markers.envFile.slice(0, 10));
    expect(readFileSync(path.join(host.install, '.env'), 'utf8')).toContain(host.markers.envFile);
  });
});
