// What "nothing lost, nothing twice" means for a finished task, checked from the database and the
// task's git branch rather than from the worker's own account of it.
import { execFileSync } from 'node:child_process';
import { GREETER_FILE } from '@switchyard/fake-llm';
import { taskBranch } from '../../apps/worker/src/worktree/task-worktree';
import type { PipelineStack } from './pipeline-stack';

export interface TaskAudit {
  taskId: string;
  status: string;
  statusReason: string | null;
  runs: number;
  /** Runs that went back to the queue at least once (a crash, a lost lease or a retry). */
  restartedRuns: number;
  /** Runs whose handler started more than once (each start writes one `routing` event first). */
  startedTwice: number;
  /** Missing seq numbers inside a run's event log. */
  seqGaps: number;
  /** Two events of one run under the same seq. */
  duplicateSeqs: number;
  /** The same step (kind, iteration, subtask) succeeded more than once. */
  doubleSucceeded: number;
  /** Commits on the task branch that the base branch does not have (the demo plan makes exactly one). */
  commits: number;
  /** The work itself: the demo's file is on the task branch. */
  deliverable: boolean;
}

interface RunRow {
  taskId: string;
  runs: number;
  restarted: number;
  startedTwice: number;
  gaps: number;
  dupes: number;
}

export async function auditTasks(stack: PipelineStack, taskIds: string[]): Promise<TaskAudit[]> {
  const prisma = stack.db.prisma;
  const tasks = await prisma.task.findMany({ where: { id: { in: taskIds } } });
  const perTask = await prisma.$queryRaw<RunRow[]>`
    WITH ev AS (
      SELECT "phaseRunId",
             (max(seq) - count(DISTINCT seq))::int AS gaps,
             (count(*) - count(DISTINCT seq))::int AS dupes,
             (count(*) FILTER (WHERE type = 'routing'))::int AS starts
        FROM "PhaseEvent" e JOIN "PhaseRun" r ON r.id = e."phaseRunId"
       WHERE r."taskId" = ANY(${taskIds}::text[])
       GROUP BY "phaseRunId"
    )
    SELECT r."taskId",
           count(*)::int AS runs,
           (count(*) FILTER (WHERE r.attempt > 1))::int AS restarted,
           (count(*) FILTER (WHERE ev.starts > 1))::int AS "startedTwice",
           coalesce(sum(ev.gaps), 0)::int AS gaps,
           coalesce(sum(ev.dupes), 0)::int AS dupes
      FROM "PhaseRun" r LEFT JOIN ev ON ev."phaseRunId" = r.id
     WHERE r."taskId" = ANY(${taskIds}::text[])
     GROUP BY r."taskId"`;
  const doubles = await prisma.$queryRaw<{ taskId: string; n: number }[]>`
    SELECT "taskId", count(*)::int AS n FROM (
      SELECT "taskId" FROM "PhaseRun"
       WHERE "taskId" = ANY(${taskIds}::text[]) AND status = 'succeeded'
       GROUP BY "taskId", kind, iteration, "subtaskId" HAVING count(*) > 1
    ) d GROUP BY "taskId"`;
  const byTask = new Map(perTask.map((row) => [row.taskId, row]));
  const doubleByTask = new Map(doubles.map((row) => [row.taskId, row.n]));
  return tasks.map((task) => {
    const row = byTask.get(task.id);
    return {
      taskId: task.id,
      status: task.status,
      statusReason: task.statusReason,
      runs: row?.runs ?? 0,
      restartedRuns: row?.restarted ?? 0,
      startedTwice: row?.startedTwice ?? 0,
      seqGaps: row?.gaps ?? 0,
      duplicateSeqs: row?.dupes ?? 0,
      doubleSucceeded: doubleByTask.get(task.id) ?? 0,
      ...branchContents(stack.repo, task.id),
    };
  });
}

function branchContents(repo: string, taskId: string): { commits: number; deliverable: boolean } {
  const branch = taskBranch(taskId);
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
  try {
    const commits = Number(git('rev-list', '--count', `main..${branch}`).trim());
    const deliverable = git('ls-tree', '--name-only', branch).split('\n').includes(GREETER_FILE);
    return { commits, deliverable };
  } catch {
    return { commits: 0, deliverable: false }; // no branch: the task never reached its worktree
  }
}

/** Sums of the audit over many tasks, as the report shows them. */
export function auditTotals(audits: TaskAudit[]) {
  const sum = (pick: (a: TaskAudit) => number) => audits.reduce((total, a) => total + pick(a), 0);
  return {
    tasks: audits.length,
    done: audits.filter((a) => a.status === 'done').length,
    notDone: audits.filter((a) => a.status !== 'done'),
    runs: sum((a) => a.runs),
    restartedRuns: sum((a) => a.restartedRuns),
    startedTwice: sum((a) => a.startedTwice),
    seqGaps: sum((a) => a.seqGaps),
    duplicateSeqs: sum((a) => a.duplicateSeqs),
    doubleSucceeded: sum((a) => a.doubleSucceeded),
    /** Tasks whose branch has more or fewer than the one commit the plan makes. */
    wrongCommitCount: audits.filter((a) => a.commits !== 1).length,
    missingDeliverable: audits.filter((a) => !a.deliverable).length,
  };
}
