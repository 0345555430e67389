import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { withFileLock } from './file-lock';
import { GitError, git } from './git';
import { linkedGitDir } from './git-layout';

export interface TaskWorktree {
  path: string;
  branch: string;
  baseBranch: string;
  /**
   * The worktree's git folder as the repository knows it. The worker's own git commands name it
   * (and the work tree) explicitly: the agent can rewrite the worktree's `.git` file, and a git
   * run by the worker that followed it could be pointed at a config the agent wrote (hooks,
   * fsmonitor: code run as the worker). Absent: git finds it (tests on a plain repository).
   */
  gitDir?: string;
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
  const commonDir = await gitCommonDir(repo);
  const existing = linkedGitDir(commonDir, path);
  if (existing && existsSync(path))
    return { path, branch, baseBranch: project.defaultBranch, gitDir: await repairDotGit(path, existing) };

  // Workers share the repository's worktree list: one at a time may prune or add (see file-lock.ts).
  await withFileLock(join(commonDir, 'switchyard-worktrees'), async () => {
    if (linkedGitDir(commonDir, path) && existsSync(path)) return;
    // What git does not know as a worktree is not one, whatever its `.git` says: start it afresh.
    await rm(path, { recursive: true, force: true });
    await mkdir(dirs.worktreesDir, { recursive: true });
    await git(repo, ['worktree', 'prune']);
    const branchExists = await git(repo, ['branch', '--list', branch]).then((out) => out.trim() !== '');
    if (branchExists) await git(repo, ['worktree', 'add', path, branch]);
    else {
      await verifyBaseBranch(repo, project);
      await git(repo, ['worktree', 'add', '-b', branch, path, project.defaultBranch]);
    }
  });
  const gitDir = linkedGitDir(commonDir, path);
  if (!gitDir) throw new GitError(`git created no worktree at ${path} for ${branch}.`);
  return { path, branch, baseBranch: project.defaultBranch, gitDir };
}

/**
 * The repository's own git folder (shared by all its worktrees): the lock lives there, so every
 * worker finds the same one, and its `worktrees/` back links say which worktrees are real.
 */
async function gitCommonDir(repo: string): Promise<string> {
  const common = (await git(repo, ['rev-parse', '--git-common-dir'])).trim();
  return resolve(repo, common);
}

/** Puts back the `.git` file git wrote, whatever the agent left there (a file, a folder, nothing). */
async function repairDotGit(worktree: string, gitDir: string): Promise<string> {
  const dotGit = join(worktree, '.git');
  await rm(dotGit, { recursive: true, force: true });
  await writeFile(dotGit, `gitdir: ${gitDir}\n`);
  return gitDir;
}

/** git on the task's worktree, with its git folder named (see TaskWorktree.gitDir). */
export function worktreeGit(worktree: TaskWorktree, args: string[], options?: { maxBuffer?: number }) {
  const explicit = worktree.gitDir ? ['--git-dir', worktree.gitDir, '--work-tree', worktree.path] : [];
  return git(worktree.path, [...explicit, ...args], options);
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
  await worktreeGit(worktree, ['add', '--all']);
  const staged = await worktreeGit(worktree, ['diff', '--cached', '--name-only']);
  if (!staged.trim()) return null;
  await worktreeGit(worktree, ['commit', '--quiet', '--no-verify', '-m', message]);
  return (await worktreeGit(worktree, ['rev-parse', 'HEAD'])).trim();
}

/** The task's changes against its base branch (what a reviewer merges). */
export function diffAgainstBase(worktree: TaskWorktree): Promise<string> {
  return worktreeGit(worktree, ['diff', '--no-color', `${worktree.baseBranch}...HEAD`]);
}
