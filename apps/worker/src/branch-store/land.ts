import type { RunLease } from '../queue';
import { commitOf, GitError, git } from '../worktree/git';
import type { TaskWorktree } from '../worktree/task-worktree';
import { createBundle } from './bundles';
import type { BranchStart } from './restore';

/** What one phase added to the task branch, now durable. */
export interface Landing {
  head: string;
  commits: number;
  bytes: number;
  /** Time to bundle the commits and store them (ms). */
  ms: number;
}

/**
 * Another run of the task moved the durable head while this one ran: the queue retries this run,
 * which then starts from the new head. (Runs of one task are sequential; this is a safety net.)
 */
export class BranchMovedError extends Error {}

/**
 * Stores what the phase committed on the task branch (a bundle from the durable head to the new
 * one) and moves the durable head, in one transaction under the run's fence: a worker that lost its
 * lease lands nothing, and the phase counts as succeeded only once its commits are off this disk.
 * Null when the phase committed nothing.
 */
export async function landTaskBranch(
  lease: RunLease,
  repo: string,
  worktree: TaskWorktree,
  start: BranchStart,
): Promise<Landing | null> {
  const began = performance.now();
  const ref = `refs/heads/${worktree.branch}`;
  const head = await commitOf(repo, ref);
  if (!head) throw new GitError(`The task branch ${worktree.branch} is gone from this worker's clone.`);
  // What the store holds ends here (a task begun before the branch store has its earlier commits
  // in the project, not in the store yet: they land with this phase's).
  const from = start.recorded.branchHead ?? start.baseCommit;
  if (head === from) return null;
  // One git: commits only the durable head has (must be none) and commits only the new head has.
  const [behind = -1, commits = 0] = (
    await git(repo, ['rev-list', '--count', '--left-right', `${from}...${head}`])
  )
    .trim()
    .split(/\s+/)
    .map(Number);
  if (behind !== 0) {
    throw new GitError(
      `The task branch ${worktree.branch} no longer contains its durable commit ${from.slice(0, 12)}: a phase may only add commits.`,
    );
  }
  const data = await createBundle(repo, from, ref);
  await lease.withFencedTransaction(async (tx) => {
    const moved = await tx.task.updateMany({
      where: { id: lease.run.taskId, branchHead: start.recorded.branchHead },
      data: { branchHead: head, baseCommit: start.baseCommit },
    });
    if (moved.count !== 1) {
      throw new BranchMovedError(
        `The durable head of ${worktree.branch} moved while run ${lease.run.id} was running; it starts again from the new one.`,
      );
    }
    await tx.taskBranchBundle.create({
      data: {
        taskId: lease.run.taskId,
        seq: start.landings + 1,
        phaseRunId: lease.run.id,
        fromCommit: from,
        toCommit: head,
        commits,
        data: new Uint8Array(data),
      },
    });
  });
  return { head, commits, bytes: data.length, ms: performance.now() - began };
}
