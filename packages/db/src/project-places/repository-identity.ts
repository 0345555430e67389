import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type GitAnswer = { ok: true; out: string } | { ok: false; err: string };

/** git with no hooks or fsmonitor (a repository's own config must not run code as Switchyard). */
export async function gitIn(cwd: string, args: string[]): Promise<GitAnswer> {
  try {
    const { stdout } = await run(
      'git',
      ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args],
      {
        cwd,
        timeout: 15_000,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      },
    );
    return { ok: true, out: stdout.trim() };
  } catch (error) {
    return { ok: false, err: String((error as { stderr?: string }).stderr ?? (error as Error).message) };
  }
}

export async function resolvedPath(dir: string): Promise<string> {
  return realpath(dir).catch(() => path.resolve(dir));
}

/**
 * Config keys that make git run a program or read another folder: a repository whose own config
 * sets them would run code as the worker (checkout filters, diff drivers, ssh commands) or borrow
 * another repository's data, outside the agent's sandbox.
 */
const UNSAFE_CONFIG =
  /^(core\.(hookspath|fsmonitor|sshcommand|gitproxy|askpass|alternaterefscommand|worktree)|diff\.external|diff\..+\.(command|textconv)|filter\..+\.(clean|smudge|process)|merge\..+\.driver|include\.path|includeif\..+\.path|gpg\.(.+\.)?program|credential\..*|uploadpack\..+|protocol\..+\.allow|remote\..+\.(uploadpack|receivepack|vcs|proxy)|url\..+\.(insteadof|pushinsteadof)|extensions\.worktreeconfig)$/i;

export function unsafeConfigKeys(names: string): string[] {
  return [...new Set(names.split('\n').map((n) => n.trim().toLowerCase()))].filter((n) =>
    UNSAFE_CONFIG.test(n),
  );
}

/** The files that say "this is that repository": the folder and its git folder (dev:ino, so bind mounts match). */
export async function identityKeys(repo: string): Promise<string[]> {
  const keys: string[] = [];
  for (const dir of [repo, path.join(repo, '.git')]) {
    if (!existsSync(dir)) continue;
    const s = await stat(dir).catch(() => null);
    if (s) keys.push(`${s.dev}:${s.ino}`);
  }
  return keys;
}
