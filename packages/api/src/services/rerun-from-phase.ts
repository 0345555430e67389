import type { Phase, PrismaClient } from '@switchyard/db';
import type { TaskRoutingSettings } from '@switchyard/providers';
import { z } from 'zod';
import { badRequest } from '../errors';
import { compactSettings } from './create-task';
import { findTeamTask } from './find-team-task';
import type { RoutingScope } from './load-routing-input';
import { requeueTask } from './requeue-task';
import { resolveForRequeue } from './resolve-stored-task-routing';

export const PLAN_ARTIFACT = 'implementation_plan.json';

const FIRST_KIND: Record<Phase, string> = {
  spec: 'spec.discovery',
  planning: 'planning.plan',
  coding: 'coding.subtask',
  qa: 'qa.review',
};

const PlanSchema = z
  .object({ subtasks: z.array(z.object({ id: z.string().min(1) }).loose()).min(1) })
  .loose();

/**
 * Reruns a task from a phase with new routing settings: the settings replace Task.routing and the
 * phase's first run is queued (coding starts at the plan's first subtask, QA at review iteration 1),
 * all in one transaction after the new routing passes validation.
 */
export async function rerunFromPhase(
  prisma: PrismaClient,
  scope: RoutingScope,
  input: { taskId: string; phase: Phase; routing: TaskRoutingSettings; profileId?: string | null },
) {
  const task = await findTeamTask(prisma, scope.teamId, input.taskId);
  const routing = compactSettings(input.routing);
  const profileId = input.profileId === undefined ? task.profileId : input.profileId;
  const decision = await resolveForRequeue(prisma, scope, routing, profileId, input.phase);
  const subtaskId = input.phase === 'coding' ? await firstSubtask(prisma, task.id) : null;
  return requeueTask(prisma, {
    taskId: task.id,
    phase: input.phase,
    kind: FIRST_KIND[input.phase],
    iteration: input.phase === 'qa' ? 1 : 0,
    subtaskId,
    routingDecision: decision.phases[input.phase],
    taskUpdate: {
      routing,
      ...(input.profileId !== undefined
        ? { profile: input.profileId ? { connect: { id: input.profileId } } : { disconnect: true } }
        : {}),
    },
  });
}

async function firstSubtask(prisma: PrismaClient, taskId: string): Promise<string> {
  const plan = await prisma.artifact.findUnique({
    where: { taskId_name: { taskId, name: PLAN_ARTIFACT } },
    select: { content: true },
  });
  const missing = `The task has no usable ${PLAN_ARTIFACT} yet: rerun it from the planning phase instead.`;
  if (!plan) throw badRequest(missing);
  let json: unknown;
  try {
    json = JSON.parse(plan.content);
  } catch {
    throw badRequest(missing);
  }
  const parsed = PlanSchema.safeParse(json);
  if (!parsed.success) throw badRequest(missing);
  return parsed.data.subtasks[0]!.id;
}
