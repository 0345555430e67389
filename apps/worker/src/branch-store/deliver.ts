import type { FencedTx } from '../queue';
import { git, withoutCredentials } from '../worktree/git';
import type { ProjectRepository } from '../worktree/project-clone';

/** Where the task branch was delivered, or why it could not be. */
export interface Delivery {
  /** The project's repository path, or its remote URL without credentials. */
  to: string;
  head: string;
  ms: number;
  /** Null when delivered. */
  error: string | null;
}

/**
 * Puts the task branch where the user looks for it, once its commits are durable: fetched into the
 * project's own repository (a project given by a path), or pushed to the project's remote (one
 * given by a git URL). Never forced: a stale worker's older head, or a branch the user rewrote, is
 * refused rather than overwritten. A failure is reported, not thrown: the branch is safe in the
 * branch store, and the next phase delivers again.
 */
export async function deliverTaskBranch(
  project: ProjectRepository,
  clone: string,
  branch: string,
  head: string,
): Promise<Delivery> {
  const began = performance.now();
  const refspec = `refs/heads/${branch}:refs/heads/${branch}`;
  const to = project.repoPath ?? withoutCredentials(project.gitUrl ?? '');
  try {
    if (project.repoPath) {
      const fetch = () =>
        git(project.repoPath!, ['fetch', '--no-tags', '--no-write-fetch-head', clone, refspec]);
      await fetch().catch(async (error: Error) => {
        if (!/checked out/.test(error.message)) throw error;
        // A worktree of the project made by a worker before the branch store may still hold the
        // branch, its folder long gone: forget such worktrees, then try once more.
        await git(project.repoPath!, ['worktree', 'prune']);
        await fetch();
      });
    } else {
      await git(clone, ['push', '--quiet', '--no-verify', 'origin', refspec]);
    }
    return { to, head, ms: performance.now() - began, error: null };
  } catch (error) {
    return { to, head, ms: performance.now() - began, error: explain(branch, to, (error as Error).message) };
  }
}

/** Records a delivery on its task (in the transaction that finishes the run). */
export async function recordDelivery(tx: FencedTx, taskId: string, delivery: Delivery): Promise<void> {
  await tx.task.update({
    where: { id: taskId },
    data: delivery.error
      ? { deliveredTo: delivery.to, deliveryError: delivery.error }
      : {
          deliveredTo: delivery.to,
          deliveredHead: delivery.head,
          deliveredAt: new Date(),
          deliveryError: null,
        },
  });
}

/** git's refusal, with what it means for the user first. */
function explain(branch: string, to: string, message: string): string {
  if (/non-fast-forward|\[rejected\]|fetch first/.test(message))
    return `${branch} in ${to} has commits the task's branch does not (rewritten, or written by someone else), so it was not overwritten. Rename or delete that branch there to receive the task's. (${message})`;
  if (/checked out/.test(message))
    return `${branch} is checked out in ${to}, and git does not update a checked-out branch. Switch that checkout to another branch to receive the task's. (${message})`;
  return message;
}
