import { type BranchStart, type Delivery, deliverTaskBranch, landTaskBranch } from '../branch-store';
import type { RunLease } from '../queue';
import type { ProjectRepository, TaskWorktree } from '../worktree';
import type { createEventLog } from './event-log';

/**
 * After a step succeeded: its commits go to the branch store (under the run's fence) before the run
 * counts as succeeded, then the branch is delivered where the user looks for it; both are logged on
 * the run. Delivery also runs when the task ends with a branch not delivered yet (an earlier
 * delivery failed). Returns the delivery to record with the run's end, or null.
 */
export async function secureTaskBranch(
  lease: RunLease,
  events: ReturnType<typeof createEventLog>,
  where: { project: ProjectRepository; clone: string; worktree: TaskWorktree; start: BranchStart },
  taskEnds: boolean,
): Promise<Delivery | null> {
  const { project, clone, worktree, start } = where;
  const landing = await landTaskBranch(lease, clone, worktree, start);
  const head = landing?.head ?? start.head;
  if (landing) {
    events.log(
      `Stored ${landing.commits} commit(s) of ${worktree.branch} in the branch store (${(landing.bytes / 1024).toFixed(1)} KiB, ${Math.round(landing.ms)} ms).`,
      { branch: worktree.branch, head, commits: landing.commits, bytes: landing.bytes, ms: landing.ms },
    );
  }
  const undelivered = head !== start.baseCommit && head !== start.deliveredHead;
  if (!landing && !(taskEnds && undelivered)) return null;
  const delivery = await deliverTaskBranch(project, clone, worktree.branch, head);
  events.log(
    delivery.error
      ? `Could not deliver ${worktree.branch} to ${delivery.to}: ${delivery.error} The branch is safe in the branch store; the next phase delivers it again.`
      : `Delivered ${worktree.branch} (${head.slice(0, 7)}) to ${delivery.to} (${Math.round(delivery.ms)} ms).`,
    { branch: worktree.branch, to: delivery.to, head, ms: delivery.ms, ok: !delivery.error },
  );
  return delivery;
}
