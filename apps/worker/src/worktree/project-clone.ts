import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from './file-lock';
import { commitOf, GitError, git, withoutCredentials } from './git';

export interface ProjectRepository {
  id: string;
  name: string;
  repoPath: string | null;
  gitUrl: string | null;
  defaultBranch: string;
}

/** Where the project's code comes from: its local repository, or its remote. */
export function projectSource(project: ProjectRepository): string {
  if (project.repoPath) return project.repoPath;
  if (project.gitUrl) return project.gitUrl;
  throw new GitError(
    `Project "${project.name}" has neither a repository path nor a git URL: set one in the project's settings.`,
  );
}

/**
 * This worker's own clone of the project, in its own data directory (`<reposDir>/<project id>`),
 * kept for later tasks. Every project is cloned, a local one too: task branches are built in the
 * clone, never in the user's repository or another worker's folder, so a worker on another machine
 * does the same from the branch store (docs/decisions/0010). The clone's working tree stays empty:
 * tasks work in linked worktrees.
 */
export async function ensureProjectClone(project: ProjectRepository, reposDir: string): Promise<string> {
  const source = projectSource(project);
  if (project.repoPath && !existsSync(project.repoPath)) {
    throw new GitError(
      `Project "${project.name}" points at ${project.repoPath}, which does not exist on this worker. Fix the project's repository path, or run the worker on the machine that has it.`,
    );
  }
  const clone = join(reposDir, project.id);
  // Under the lock even to look: `git clone` creates .git long before it has fetched anything.
  await withFileLock(`${clone}.clone`, async () => {
    if (existsSync(join(clone, '.git'))) {
      // The project's path or URL may have been edited since: follow it.
      await git(clone, ['remote', 'set-url', 'origin', source]);
      return;
    }
    await mkdir(reposDir, { recursive: true });
    await git(reposDir, ['clone', '--quiet', '--no-checkout', source, clone]);
  });
  return clone;
}

/** Brings the clone up to date with the project (its branches, as `origin/*`). */
export async function fetchProject(clone: string, project: ProjectRepository): Promise<void> {
  try {
    // One fetch at a time per clone: two tasks of a project starting together would race for the
    // same remote-tracking refs' locks.
    await withFileLock(`${clone}.clone`, () =>
      git(clone, ['fetch', '--quiet', '--prune', '--no-tags', 'origin']),
    );
  } catch (error) {
    const where = project.repoPath ?? withoutCredentials(project.gitUrl ?? '');
    throw new GitError(
      `Could not fetch project "${project.name}" from ${where}: ${(error as Error).message} Check that this worker can read it.`,
    );
  }
}

/** The commit of the project's base branch, as the clone last fetched it. */
export async function baseBranchCommit(clone: string, project: ProjectRepository): Promise<string> {
  const commit = await commitOf(clone, `refs/remotes/origin/${project.defaultBranch}`);
  if (!commit) {
    throw new GitError(
      `Project "${project.name}" has no branch "${project.defaultBranch}" to start from. Set the project's default branch to an existing one.`,
    );
  }
  return commit;
}
