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

export interface TaskDetail {
  task: TaskSummary & {
    description: string;
    routing: unknown;
    branch: string | null;
    worktreePath: string | null;
  };
  runs: TaskRunView[];
  artifacts: { id: string; name: string; phaseRunId: string | null; size: number; updatedAt: Date }[];
  /** The worktree diff against the base branch, refreshed by the worker after each coding/fix run. */
  diff: { content: string; updatedAt: Date } | null;
}

/** A task of the caller's team with its runs (oldest first), artifact list and latest diff. */
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
