import type { Phase, PrismaClient } from '@switchyard/db';
import { TRPCError } from '@trpc/server';
import { badRequest, notFound } from '../errors';
import { findTeamTask } from './find-team-task';
import type { RoutingScope } from './load-routing-input';
import { requeueTask } from './requeue-task';
import { resolveForRequeue, storedSettings } from './resolve-stored-task-routing';

const RETRYABLE = ['failed', 'blocked', 'cancelled'] as const;

/**
 * Queues the last failed, blocked or cancelled run of a phase again (same kind, iteration and
 * subtask), with routing resolved afresh and validated.
 */
export async function retryPhase(prisma: PrismaClient, scope: RoutingScope, taskId: string, phase: Phase) {
  const task = await findTeamTask(prisma, scope.teamId, taskId);
  const last = await prisma.phaseRun.findFirst({
    where: { taskId, phase },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  if (!last) throw notFound(`A run of the ${phase} phase`);
  if (last.status === 'pending' || last.status === 'running')
    throw new TRPCError({
      code: 'CONFLICT',
      message: `The ${phase} phase is ${last.status}: nothing to retry yet.`,
    });
  if (!(RETRYABLE as readonly string[]).includes(last.status))
    throw badRequest(
      `The last ${phase} run is ${last.status}; only a failed, blocked or cancelled run can be retried.`,
    );
  const decision = await resolveForRequeue(
    prisma,
    scope,
    storedSettings(task.routing),
    task.profileId,
    phase,
  );
  return requeueTask(prisma, {
    taskId,
    phase,
    kind: last.kind,
    iteration: last.iteration,
    subtaskId: last.subtaskId,
    routingDecision: decision.phases[phase],
  });
}
