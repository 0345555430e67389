import type { Phase, Prisma, PrismaClient } from '@switchyard/db';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import { TRPCError } from '@trpc/server';

export interface RequeueInput {
  taskId: string;
  phase: Phase;
  kind: string;
  iteration?: number;
  subtaskId?: string | null;
  routingDecision: Prisma.InputJsonValue | null;
  /** Extra task columns to write in the same transaction (e.g. new routing settings). */
  taskUpdate?: Prisma.TaskUpdateInput;
}

/**
 * Puts a finished task back in the queue with one new pending run, in one transaction: the worker
 * moves a task to running only from queued, so the task goes back to `queued` with its reason and
 * finish time cleared. Refused (CONFLICT) while the task still has a pending or running run.
 */
export async function requeueTask(prisma: PrismaClient, input: RequeueInput) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Task" WHERE id = ${input.taskId} FOR UPDATE`;
    if (rows.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'Task not found.' });
    const active = await tx.phaseRun.count({
      where: { taskId: input.taskId, status: { in: ['pending', 'running'] } },
    });
    if (active > 0)
      throw new TRPCError({
        code: 'CONFLICT',
        message:
          'The task is still running: cancel it or wait for it to finish before retrying or rerunning.',
      });
    await tx.task.update({
      where: { id: input.taskId },
      data: { ...input.taskUpdate, status: 'queued', statusReason: null, finishedAt: null },
    });
    return enqueuePhaseRun(tx, {
      taskId: input.taskId,
      phase: input.phase,
      kind: input.kind,
      iteration: input.iteration ?? 0,
      subtaskId: input.subtaskId ?? null,
      routingDecision: input.routingDecision,
    });
  });
}
