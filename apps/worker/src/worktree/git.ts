import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Commits made by the worker carry this identity; the agent's Bash tool may not change it (policy).
// No hook, fsmonitor or signing program of the repository runs as the worker (`git worktree add`
// runs post-checkout, commits run pre-commit): the project's own files must not run code here.
const IDENTITY = [
  '-c',
  'user.name=Switchyard',
  '-c',
  'user.email=switchyard@localhost',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
];

export class GitError extends Error {}

/**
 * A git URL as it may be shown: without the user and password or token it may carry
 * (`https://x-access-token:ghp_…@host/repo` → `https://host/repo`), so a message, an event or the
 * task page never holds the remote's credentials.
 */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1');
}

function failure(cwd: string, args: string[], error: unknown): GitError {
  const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
  return new GitError(
    withoutCredentials(`git ${args.join(' ')} failed in ${cwd}: ${stderr || (error as Error).message}`),
  );
}

const ENV = () => ({ ...process.env, GIT_TERMINAL_PROMPT: '0' });

/** Runs git with arguments (never through a shell); a failure names the command and git's message. */
export async function git(
  cwd: string,
  args: string[],
  options: { maxBuffer?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await run('git', [...IDENTITY, ...args], {
      cwd,
      maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
      env: ENV(),
    });
    return stdout;
  } catch (error) {
    throw failure(cwd, args, error);
  }
}

/** git whose output is binary (a bundle written to standard output). */
export async function gitBytes(cwd: string, args: string[], options: { maxBuffer: number }): Promise<Buffer> {
  try {
    const { stdout } = await run('git', [...IDENTITY, ...args], {
      cwd,
      encoding: 'buffer',
      maxBuffer: options.maxBuffer,
      env: ENV(),
    });
    return stdout;
  } catch (error) {
    throw failure(cwd, args, error);
  }
}

/** True when `commit` names a commit this repository has (no fetch). */
export async function hasCommit(repo: string, commit: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The commit a ref names, or null when there is no such ref. */
export async function commitOf(repo: string, ref: string): Promise<string | null> {
  try {
    return (await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}
