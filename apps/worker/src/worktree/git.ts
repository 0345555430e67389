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
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed in ${cwd}: ${stderr || (error as Error).message}`);
  }
}
