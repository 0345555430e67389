import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeWorktree, toolsFor } from './test-worktree';

let worktree: { dir: string; cleanup: () => void };
beforeEach(() => {
  worktree = makeWorktree();
});
afterEach(() => worktree.cleanup());

/** A `sleep` argument no other process on the machine uses, to find this test's processes. */
const marker = () => `60.${process.pid}${Math.floor(Math.random() * 1e6)}`;
function running(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^sleep ${pattern}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('Bash', () => {
  it('runs in the worktree and reports the exit code', async () => {
    const { call } = toolsFor(worktree.dir);
    expect((await call('Bash', { command: 'pwd' })).content).toBe(
      `${realpathSync(worktree.dir)}\n[exit code: 0]`,
    );
    const failed = await call('Bash', { command: 'echo oops >&2; exit 3' });
    expect(failed).toEqual({ isError: true, content: 'Bash: oops\n[exit code: 3]' });
  });

  it('kills the whole process tree on timeout', async () => {
    const id = marker();
    const { call } = toolsFor(worktree.dir, { policy: { bashTimeoutMs: 500 } });
    const outcome = await call('Bash', { command: `sleep ${id} & sleep ${id}; echo never` });
    expect(outcome.isError).toBe(true);
    expect(outcome.content).toMatch(/timed out after 500 ms/);
    expect(outcome.content).not.toContain('never');
    await vi.waitFor(() => expect(running(id)).toEqual([]), { timeout: 2_000 });
  });

  it('stops a running command within 2 s when the signal aborts', async () => {
    const id = marker();
    const { call } = toolsFor(worktree.dir);
    const controller = new AbortController();
    const pending = call('Bash', { command: `sleep ${id}` }, controller.signal);
    await vi.waitFor(() => expect(running(id)).toHaveLength(1), { timeout: 5_000 });
    const abortedAt = Date.now();
    controller.abort();
    const outcome = await pending;
    expect(Date.now() - abortedAt).toBeLessThan(2_000);
    expect(outcome).toMatchObject({ isError: true, content: expect.stringContaining('cancelled') });
    await vi.waitFor(() => expect(running(id)).toEqual([]), { timeout: 2_000 });
  });

  it('stops background processes a command leaves behind', async () => {
    const id = marker();
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Bash', { command: `(sleep ${id} > /dev/null 2>&1 &); echo started` });
    expect(outcome.content).toBe('started\n[exit code: 0]');
    await vi.waitFor(() => expect(running(id)).toEqual([]), { timeout: 2_000 });
  });

  it('redacts credential values from the output', async () => {
    const env = { ...process.env, ZAI_API_KEY: 'zai-0123456789abcdef', PLAIN: 'visible-value' };
    const { call } = toolsFor(worktree.dir, { env, secrets: ['team-credential-42'] });
    const outcome = await call('Bash', { command: 'echo "$ZAI_API_KEY $PLAIN team-credential-42"' });
    expect(outcome.content).toBe('[redacted] visible-value [redacted]\n[exit code: 0]');
    expect(outcome.content).not.toContain('zai-0123456789abcdef');
  });

  it('caps a long output and says how much was cut', async () => {
    const { call } = toolsFor(worktree.dir, { policy: { outputCapBytes: 1_000 } });
    const outcome = await call('Bash', { command: 'yes switchyard | head -c 200000' });
    expect(outcome.content).toMatch(/… \[output truncated: 199000 bytes more\]\n\[exit code: 0\]$/);
  });

  it('refuses a command the policy denies without running it', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Bash', { command: 'echo ran > proof.txt; git push origin main' });
    expect(outcome).toMatchObject({
      isError: true,
      content: expect.stringMatching(/^Bash: command refused by the worker's command policy: git push/),
    });
    expect(() => readFileSync(path.join(worktree.dir, 'proof.txt'))).toThrow();
  });

  it('runs only allow-listed commands when the project sets an allow list', async () => {
    const { call } = toolsFor(worktree.dir, { policy: { bashAllow: ['echo [a-z]+', 'true'] } });
    expect((await call('Bash', { command: 'echo hello' })).content).toBe('hello\n[exit code: 0]');
    expect((await call('Bash', { command: 'ls' })).content).toMatch(/not on this project's allow list/);
    // A pattern matches the whole command, never a part of it.
    expect((await call('Bash', { command: 'echo hello 1' })).content).toMatch(/"echo hello 1" is not on/);
    expect((await call('Bash', { command: 'truex' })).content).toMatch(/"truex" is not on/);
  });
});
