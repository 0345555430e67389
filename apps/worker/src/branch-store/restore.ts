import type { PrismaClient } from '@switchyard/db';
import { commitOf, GitError, git, hasCommit } from '../worktree/git';
import { baseBranchCommit, fetchProject, type ProjectRepository } from '../worktree/project-clone';
import { taskBranch } from '../worktree/task-worktree';
import { unbundle } from './bundles';

/** The task branch as the branch store holds it, and where this phase starts. */
export interface BranchStart {
  baseBranch: string;
  /** The base branch's commit the task started from (recorded by the task's first phase). */
  baseCommit: string;
  /** The latest durable commit: the phase starts here. */
  head: string;
  /** What the database holds: null before the first phase recorded it / before anything landed. */
  recorded: { baseCommit: string | null; branchHead: string | null };
  /** Bundles landed so far (the next one is landings + 1). */
  landings: number;
  /** The commit last delivered to the project, if any. */
  deliveredHead: string | null;
}

/**
 * Makes the worker's clone hold the task branch's durable state, whatever this worker did before:
 * the base commit (fetched from the project when missing), then each landed bundle it lacks, in
 * order. Nothing of another worker's disk is needed (docs/decisions/0010).
 */
export async function restoreTaskBranch(
  prisma: PrismaClient,
  clone: string,
  taskId: string,
  project: ProjectRepository,
): Promise<BranchStart> {
  const task = await prisma.task.findUniqueOrThrow({
    where: { id: taskId },
    select: {
      baseCommit: true,
      branchHead: true,
      deliveredHead: true,
      _count: { select: { bundles: true } },
    },
  });
  const recorded = { baseCommit: task.baseCommit, branchHead: task.branchHead };
  const common = { baseBranch: project.defaultBranch, recorded, deliveredHead: task.deliveredHead };
  if (!task.baseCommit) return { ...common, ...(await firstStart(clone, taskId, project)), landings: 0 };

  const baseCommit = task.baseCommit;
  const head = task.branchHead ?? (await earlierBranch(clone, taskId, baseCommit)) ?? baseCommit;
  if (!(await hasCommit(clone, baseCommit))) await fetchProject(clone, project);
  if (!(await hasCommit(clone, baseCommit))) {
    throw new GitError(
      `The task started from commit ${baseCommit.slice(0, 12)} of "${project.defaultBranch}", which project "${project.name}" no longer has (was the branch rewritten?). Start the task again.`,
    );
  }
  if (!(await hasCommit(clone, head))) {
    const bundles = await prisma.taskBranchBundle.findMany({
      where: { taskId },
      orderBy: { seq: 'asc' },
      select: { id: true, toCommit: true },
    });
    // Only the bundles this clone lacks are read (a task's history may be long).
    for (const bundle of bundles) {
      if (await hasCommit(clone, bundle.toCommit)) continue;
      const { data } = await prisma.taskBranchBundle.findUniqueOrThrow({
        where: { id: bundle.id },
        select: { data: true },
      });
      await unbundle(clone, data);
    }
    if (!(await hasCommit(clone, head))) {
      throw new GitError(
        `The branch store has no commit ${head.slice(0, 12)} for task branch ${taskBranch(taskId)}: its bundles end at ${bundles.at(-1)?.toCommit.slice(0, 12) ?? 'the base commit'}.`,
      );
    }
  }
  return { ...common, baseCommit, head, landings: task._count.bundles };
}

/**
 * Nothing landed yet: a task begun before the branch store whose first phase since did not succeed
 * still has its earlier commits only in the project's own `switchyard/<task id>` (as this clone
 * last fetched it); they land with the next phase that succeeds.
 */
async function earlierBranch(clone: string, taskId: string, baseCommit: string): Promise<string | null> {
  const earlier = await commitOf(clone, `refs/remotes/origin/${taskBranch(taskId)}`);
  if (!earlier || earlier === baseCommit) return null;
  const builtOnBase = await git(clone, ['merge-base', '--is-ancestor', baseCommit, earlier]).then(
    () => true,
    () => false,
  );
  return builtOnBase ? earlier : null;
}

/**
 * The task's first phase: the base branch as the project has it now. A task begun before the branch
 * store existed may have its branch in the project already; it continues from there.
 */
async function firstStart(
  clone: string,
  taskId: string,
  project: ProjectRepository,
): Promise<{ baseCommit: string; head: string }> {
  await fetchProject(clone, project);
  const base = await baseBranchCommit(clone, project);
  const earlier = await commitOf(clone, `refs/remotes/origin/${taskBranch(taskId)}`);
  if (!earlier) return { baseCommit: base, head: base };
  const mergeBase = (await git(clone, ['merge-base', base, earlier])).trim();
  return { baseCommit: mergeBase, head: earlier };
}
