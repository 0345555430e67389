import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The worktree's files as git sees them: tracked plus untracked-but-not-ignored, relative to the
 * root with `/` separators. Asking git (rather than re-implementing .gitignore) gets nested
 * .gitignore files, negations, .git/info/exclude and the user's core.excludesFile exactly right,
 * and never walks an ignored node_modules. The worktree is always a git repository.
 */
export async function listWorktreeFiles(root: string, under: string, signal: AbortSignal): Promise<string[]> {
  const pathspec = under === '.' ? [] : ['--', `:(literal)${under}`];
  const { stdout } = await run(
    'git',
    ['-c', 'core.quotePath=off', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', ...pathspec],
    { cwd: root, signal, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
  );
  // A file both staged and unmerged is listed once per stage.
  return [...new Set(stdout.split('\0').filter(Boolean))];
}
