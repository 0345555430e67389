import type { PrismaClient } from '@switchyard/db';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import type { RoutingDecision, TaskRoutingSettings, ValidationIssue } from '@switchyard/providers';
import { notFound } from '../errors';
import { loadRoutingInput, type RoutingScope } from './load-routing-input';
import { assertRoutingValid, resolveTaskRouting } from './resolve-task-routing';
import { type TaskSummary, toTaskSummary } from './task-summary';

export interface CreateTaskInput {
  projectId: string;
  title: string;
  description: string;
  profileId?: string | null;
  routing: TaskRoutingSettings;
  budgetUsd?: number | null;
}

export interface CreatedTask {
  task: TaskSummary;
  routing: RoutingDecision;
  /** Warnings of the pre-flight check (unknown model, unusable fallback, …): the task still runs. */
  warnings: ValidationIssue[];
}

/**
 * Creates a task and queues its first run (spec.discovery) in one transaction, after resolving and
 * validating its routing (§4.6): a task that cannot run is refused with the actionable messages and
 * nothing is written.
 */
export async function createTask(
  prisma: PrismaClient,
  scope: RoutingScope & { userId: string },
  input: CreateTaskInput,
): Promise<CreatedTask> {
  const project = await prisma.project.findFirst({
    where: { id: input.projectId, teamId: scope.teamId },
    select: { id: true, name: true },
  });
  if (!project) throw notFound('Project');
  const routing = compactSettings(input.routing);
  const loaded = await loadRoutingInput(prisma, scope, routing, input.profileId);
  const { decision, validation } = resolveTaskRouting(loaded.input);
  assertRoutingValid(validation);

  const task = await prisma.$transaction(async (tx) => {
    const created = await tx.task.create({
      data: {
        teamId: scope.teamId,
        projectId: project.id,
        title: input.title,
        description: input.description,
        profileId: input.profileId ?? null,
        routing,
        budgetUsd: input.budgetUsd ?? null,
        createdById: scope.userId,
      },
    });
    await enqueuePhaseRun(tx, {
      taskId: created.id,
      phase: 'spec',
      kind: 'spec.discovery',
      routingDecision: decision.phases.spec,
    });
    return created;
  });
  return {
    task: toTaskSummary(task, project.name),
    routing: decision,
    warnings: validation.issues.filter((issue) => issue.severity === 'warning'),
  };
}

/** Stored settings keep only what was set, so the column reads like the seed's shape. */
export function compactSettings(settings: TaskRoutingSettings): TaskRoutingSettings {
  return Object.fromEntries(
    Object.entries(settings).filter(
      ([, value]) =>
        value !== null && value !== undefined && !(typeof value === 'object' && !Object.keys(value).length),
    ),
  ) as TaskRoutingSettings;
}
