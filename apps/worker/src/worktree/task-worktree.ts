import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { withFileLock } from './file-lock';
import { GitError, git } from './git';
import { linkedGitDir } from './git-layout';

export interface TaskWorktree {
  path: string;
  branch: string;
  /** The project's base branch, by name (what the user merges into). */
  baseBranch: string;
  /** The base branch's commit the task branch started from: diffs are taken against it. */
  baseCommit: string;
  /**
   * The worktree's git folder as the repository knows it. The worker's own git commands name it
   * (and the work tree) explicitly: the agent can rewrite the worktree's `.git` file, and a git
   * run by the worker that followed it could be pointed at a config the agent wrote (hooks,
   * fsmonitor: code run as the worker). Absent: git finds it (tests on a plain repository).
   */
  gitDir?: string;
}

/** `switchyard/<task-id>`: one branch per task; the base branch is never written to. */
export function taskBranch(taskId: string): string {
  return `switchyard/${taskId}`;
}

/** Where a phase starts: the task branch's latest durable commit, on top of its base commit. */
export interface WorktreeStart {
  baseBranch: string;
  baseCommit: string;
  head: string;
}

/**
 * The task's own git worktree of the worker's clone `repo`, on the task branch, checked out at
 * `start.head`. Created on first use and reused afterwards; either way it holds exactly the durable
 * state: what a failed, cancelled or killed attempt left uncommitted is gone (ignored files, such
 * as installed dependencies, stay).
 */
export async function ensureTaskWorktree(
  repo: string,
  taskId: string,
  worktreesDir: string,
  start: WorktreeStart,
): Promise<TaskWorktree> {
  const branch = taskBranch(taskId);
  const path = join(worktreesDir, taskId);
  const commonDir = await gitCommonDir(repo);
  const existing = linkedGitDir(commonDir, path);
  const made = { path, branch, baseBranch: start.baseBranch, baseCommit: start.baseCommit };
  if (existing && existsSync(path)) {
    const worktree = { ...made, gitDir: await repairDotGit(path, existing, commonDir) };
    await worktreeGit(worktree, ['checkout', '--quiet', '--force', '-B', branch, start.head]);
    await worktreeGit(worktree, ['clean', '--quiet', '--force', '-d']);
    return worktree;
  }

  // Workers share the repository's worktree list: one at a time may prune or add (see file-lock.ts).
  await withFileLock(join(commonDir, 'switchyard-worktrees'), async () => {
    // What git does not know as a worktree is not one, whatever its `.git` says: start it afresh.
    await rm(path, { recursive: true, force: true });
    await mkdir(worktreesDir, { recursive: true });
    await git(repo, ['worktree', 'prune']);
    await git(repo, ['worktree', 'add', '--quiet', '--force', '-B', branch, path, start.head]);
  });
  const gitDir = linkedGitDir(commonDir, path);
  if (!gitDir) throw new GitError(`git created no worktree at ${path} for ${branch}.`);
  return { ...made, gitDir };
}

/**
 * The repository's own git folder (shared by all its worktrees): the lock lives there, so every
 * worker finds the same one, and its `worktrees/` back links say which worktrees are real.
 */
async function gitCommonDir(repo: string): Promise<string> {
  const common = (await git(repo, ['rev-parse', '--git-common-dir'])).trim();
  return resolve(repo, common);
}

/**
 * Puts back the `.git` file git wrote, whatever the agent left there (a file, a folder, nothing).
 * Under the worktree lock: another task's `git worktree prune` in this clone would delete this
 * worktree's records if it looked while `.git` was missing.
 */
async function repairDotGit(worktree: string, gitDir: string, commonDir: string): Promise<string> {
  const dotGit = join(worktree, '.git');
  const expected = `gitdir: ${gitDir}\n`;
  if ((await readFile(dotGit, 'utf8').catch(() => null)) === expected) return gitDir;
  await withFileLock(join(commonDir, 'switchyard-worktrees'), async () => {
    await rm(dotGit, { recursive: true, force: true });
    await writeFile(dotGit, expected);
  });
  return gitDir;
}

/** git on the task's worktree, with its git folder named (see TaskWorktree.gitDir). */
export function worktreeGit(worktree: TaskWorktree, args: string[], options?: { maxBuffer?: number }) {
  const explicit = worktree.gitDir ? ['--git-dir', worktree.gitDir, '--work-tree', worktree.path] : [];
  return git(worktree.path, [...explicit, ...args], options);
}

/** Commits everything the agent changed; returns the new commit, or null when nothing changed. */
export async function commitWorktree(worktree: TaskWorktree, message: string): Promise<string | null> {
  await worktreeGit(worktree, ['add', '--all']);
  const staged = await worktreeGit(worktree, ['diff', '--cached', '--name-only']);
  if (!staged.trim()) return null;
  await worktreeGit(worktree, ['commit', '--quiet', '--no-verify', '-m', message]);
  return (await worktreeGit(worktree, ['rev-parse', 'HEAD'])).trim();
}

/** The task's changes against its base branch (what a reviewer merges). */
export function diffAgainstBase(worktree: TaskWorktree): Promise<string> {
  return worktreeGit(worktree, ['diff', '--no-color', worktree.baseCommit, 'HEAD']);
}
