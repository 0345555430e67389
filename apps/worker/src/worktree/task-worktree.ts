import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { withFileLock } from './file-lock';
import { GitError, git } from './git';

export interface TaskWorktree {
  path: string;
  branch: string;
  baseBranch: string;
}

export interface ProjectRepository {
  id: string;
  name: string;
  repoPath: string | null;
  gitUrl: string | null;
  defaultBranch: string;
}

/** `switchyard/<task-id>`: one branch per task; the base branch is never written to. */
export function taskBranch(taskId: string): string {
  return `switchyard/${taskId}`;
}

/**
 * The task's own git worktree on its own branch, created from the project's base branch on first
 * use and reused afterwards (a resumed run finds it as the crashed attempt left it).
 */
export async function ensureTaskWorktree(
  project: ProjectRepository,
  taskId: string,
  dirs: { worktreesDir: string; reposDir: string },
): Promise<TaskWorktree> {
  const repo = await projectRepository(project, dirs.reposDir);
  const branch = taskBranch(taskId);
  const path = join(dirs.worktreesDir, taskId);
  const info = { path, branch, baseBranch: project.defaultBranch };
  if (existsSync(join(path, '.git'))) return info;

  // Workers share the repository's worktree list: one at a time may prune or add (see file-lock.ts).
  await withFileLock(await worktreeLockPath(repo), async () => {
    if (existsSync(join(path, '.git'))) return;
    await mkdir(dirs.worktreesDir, { recursive: true });
    await git(repo, ['worktree', 'prune']);
    const branchExists = await git(repo, ['branch', '--list', branch]).then((out) => out.trim() !== '');
    if (branchExists) await git(repo, ['worktree', 'add', path, branch]);
    else {
      await verifyBaseBranch(repo, project);
      await git(repo, ['worktree', 'add', '-b', branch, path, project.defaultBranch]);
    }
  });
  return info;
}

/** In the repository's own git folder (shared by all its worktrees), so every worker finds the same lock. */
async function worktreeLockPath(repo: string): Promise<string> {
  const common = (await git(repo, ['rev-parse', '--git-common-dir'])).trim();
  return join(resolve(repo, common), 'switchyard-worktrees');
}

async function projectRepository(project: ProjectRepository, reposDir: string): Promise<string> {
  if (project.repoPath) {
    if (!existsSync(project.repoPath)) {
      throw new GitError(
        `Project "${project.name}" points at ${project.repoPath}, which does not exist on this worker. Fix the project's repository path, or run the worker on the machine that has it.`,
      );
    }
    return project.repoPath;
  }
  if (!project.gitUrl) {
    throw new GitError(
      `Project "${project.name}" has neither a repository path nor a git URL: set one in the project's settings.`,
    );
  }
  // A clone per project per worker machine, kept for later tasks.
  const clone = join(reposDir, project.id);
  const gitUrl = project.gitUrl;
  // Under the lock even to look: `git clone` creates .git long before it has fetched anything.
  const cloned = await withFileLock(`${clone}.clone`, async () => {
    if (existsSync(join(clone, '.git'))) return false;
    await mkdir(reposDir, { recursive: true });
    await git(reposDir, ['clone', '--quiet', gitUrl, clone]);
    return true;
  });
  if (!cloned) {
    await git(clone, ['fetch', '--quiet', 'origin']).catch(() => {});
  }
  return clone;
}

async function verifyBaseBranch(repo: string, project: ProjectRepository): Promise<void> {
  try {
    await git(repo, ['rev-parse', '--verify', '--quiet', `${project.defaultBranch}^{commit}`]);
  } catch {
    throw new GitError(
      `Project "${project.name}" has no branch "${project.defaultBranch}" to start from. Set the project's default branch to an existing one.`,
    );
  }
}

/** Commits everything the agent changed; returns the new commit, or null when nothing changed. */
export async function commitWorktree(worktree: TaskWorktree, message: string): Promise<string | null> {
  await git(worktree.path, ['add', '--all']);
  const staged = await git(worktree.path, ['diff', '--cached', '--name-only']);
  if (!staged.trim()) return null;
  await git(worktree.path, ['commit', '--quiet', '--no-verify', '-m', message]);
  return (await git(worktree.path, ['rev-parse', 'HEAD'])).trim();
}

/** The task's changes against its base branch (what a reviewer merges). */
export function diffAgainstBase(worktree: TaskWorktree): Promise<string> {
  return git(worktree.path, ['diff', '--no-color', `${worktree.baseBranch}...HEAD`]);
}
