import type { PrismaClient } from '@switchyard/db';
import { type PhaseRouting, PhaseRoutingSchema, TaskRoutingSettingsSchema } from '@switchyard/providers';
import { notFound } from '../errors';
import { type TaskSummary, toTaskSummary } from './task-summary';

export const DIFF_ARTIFACT = 'changes.diff';

export interface TaskRunView {
  id: string;
  phase: string;
  kind: string;
  iteration: number;
  subtaskId: string | null;
  status: string;
  /** The decision the run was queued or started with; null when not resolved yet or unreadable. */
  routingDecision: PhaseRouting | null;
  attempt: number;
  maxAttempts: number;
  inputTokens: number;
  outputTokens: number;
  cacheTokens: number;
  costUsd: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  errorClass: string | null;
  errorMessage: string | null;
}

/**
 * Where the task's git branch is. The worker keeps the branch durable in the branch store (one
 * bundle per phase run that committed) and, after each such phase, delivers it: fetches it into the
 * project's repository (a project given by a path) or pushes it to the project's remote (one given
 * by a git URL).
 */
export interface TaskDelivery {
  /** The task branch, `switchyard/<task id>`; null until the worker has created it. */
  branch: string | null;
  /** The base branch commit the task branch started from; null until the branch exists. */
  baseCommit: string | null;
  /** The branch's latest durable commit (in the branch store); null until a phase has committed. */
  head: string | null;
  /**
   * Where the last delivery put (or, when `error` is set, tried to put) the branch: the project
   * repository's path, or the remote's URL (never with credentials); null before the first delivery.
   */
  deliveredTo: string | null;
  /** The commit the last successful delivery put there; null when none has succeeded yet. */
  deliveredHead: string | null;
  /** When the last successful delivery happened. */
  deliveredAt: Date | null;
  /**
   * Why the last delivery failed; null when it succeeded or none was tried yet. The branch stays in
   * the branch store and the worker delivers it again after the task's next phase.
   */
  error: string | null;
  /** The durable head has been delivered: `deliveredHead === head`, both set. */
  upToDate: boolean;
  /** How many phase runs landed commits in the branch store (one bundle each). */
  landings: number;
}

export interface TaskDetail {
  task: TaskSummary & {
    description: string;
    routing: unknown;
    /** The task branch's name (also `delivery.branch`). */
    branch: string | null;
    /**
     * The worktree of the last phase, on the disk of the worker that ran it: not where the branch
     * is kept (see `delivery`), and not reachable from other machines.
     */
    worktreePath: string | null;
    delivery: TaskDelivery;
  };
  runs: TaskRunView[];
  artifacts: { id: string; name: string; phaseRunId: string | null; size: number; updatedAt: Date }[];
  /** The worktree diff against the base branch, refreshed by the worker after each coding/fix run. */
  diff: { content: string; updatedAt: Date } | null;
}

/**
 * A task of the caller's team with where its branch is, its runs (oldest first), artifact list and
 * latest diff.
 */
export async function getTask(prisma: PrismaClient, teamId: string, taskId: string): Promise<TaskDetail> {
  const task = await prisma.task.findFirst({
    where: { id: taskId, teamId },
    include: {
      project: { select: { name: true } },
      phaseRuns: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      artifacts: {
        orderBy: { name: 'asc' },
        select: { id: true, name: true, phaseRunId: true, updatedAt: true, content: true },
      },
      // The number of bundles only: their data is the whole branch.
      _count: { select: { bundles: true } },
    },
  });
  if (!task) throw notFound('Task');
  const diff = task.artifacts.find((a) => a.name === DIFF_ARTIFACT);
  const routing = TaskRoutingSettingsSchema.safeParse(task.routing);
  return {
    task: {
      ...toTaskSummary(task, task.project.name),
      description: task.description,
      routing: routing.success ? routing.data : {},
      branch: task.branch,
      worktreePath: task.worktreePath,
      delivery: {
        branch: task.branch,
        baseCommit: task.baseCommit,
        head: task.branchHead,
        deliveredTo: task.deliveredTo === null ? null : withoutCredentials(task.deliveredTo),
        deliveredHead: task.deliveredHead,
        deliveredAt: task.deliveredAt,
        error: task.deliveryError === null ? null : withoutCredentials(task.deliveryError),
        upToDate: task.deliveredHead !== null && task.deliveredHead === task.branchHead,
        landings: task._count.bundles,
      },
    },
    runs: task.phaseRuns.map((run) => ({
      id: run.id,
      phase: run.phase,
      kind: run.kind,
      iteration: run.iteration,
      subtaskId: run.subtaskId,
      status: run.status,
      routingDecision: parseDecision(run.routingDecision),
      attempt: run.attempt,
      maxAttempts: run.maxAttempts,
      inputTokens: Number(run.inputTokens),
      outputTokens: Number(run.outputTokens),
      cacheTokens: Number(run.cacheTokens),
      costUsd: Number(run.costUsd.toString()),
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      errorClass: run.errorClass,
      errorMessage: run.errorMessage,
    })),
    artifacts: task.artifacts.map(({ content, ...artifact }) => ({
      ...artifact,
      size: Buffer.byteLength(content, 'utf8'),
    })),
    diff: diff ? { content: diff.content, updatedAt: diff.updatedAt } : null,
  };
}

/**
 * `https://user:token@host/…` → `https://host/…` anywhere in the text. The worker stores the remote
 * without credentials; this keeps a token out of the answer should a git message still quote one.
 */
function withoutCredentials(text: string): string {
  return text.replace(/\b(https?:\/\/)[^/\s@]+@/gi, '$1');
}

function parseDecision(value: unknown): PhaseRouting | null {
  const parsed = PhaseRoutingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One artifact's content (spec.md, implementation_plan.json, qa_report.md, …). */
export async function getTaskArtifact(prisma: PrismaClient, teamId: string, taskId: string, name: string) {
  const artifact = await prisma.artifact.findFirst({
    where: { taskId, name, task: { teamId } },
    select: { id: true, name: true, phaseRunId: true, content: true, updatedAt: true },
  });
  if (!artifact) throw notFound('Artifact');
  return artifact;
}
