import type { PrismaClient } from '../client';
import type { Prisma } from '../generated/prisma/client';
import { CANCEL_CHANNEL } from './channels';
import { notify } from './notify';

export interface TaskCancelResult {
  /** False when the task had already finished (done, failed or cancelled): nothing changed. */
  taskCancelled: boolean;
  /** Pending runs that will now never start. */
  cancelledPendingRunIds: string[];
  /** Runs a worker is executing: their worker aborts them (NOTIFY, or its next heartbeat). */
  runningRunIds: string[];
}

/**
 * Cancels a task: the task and its pending runs become `cancelled` and the workers are told, in one
 * transaction. Running runs are left to their worker, which aborts the phase and marks the run
 * `cancelled` under its fencing token (a write here would race that worker's own last writes).
 */
export function requestTaskCancel(prisma: PrismaClient, taskId: string): Promise<TaskCancelResult> {
  return prisma.$transaction(async (tx) => {
    const taskCancelled = await markTaskCancelled(tx, taskId);
    if (!taskCancelled) return { taskCancelled, cancelledPendingRunIds: [], runningRunIds: [] };
    const cancelledPendingRunIds = await cancelPendingRuns(tx, taskId);
    const running = await tx.phaseRun.findMany({
      where: { taskId, status: 'running' },
      select: { id: true },
    });
    await notify(tx, CANCEL_CHANNEL, taskId);
    return { taskCancelled, cancelledPendingRunIds, runningRunIds: running.map((run) => run.id) };
  });
}

/** Updates the task row first: that row lock orders this against enqueuePhaseRun's FOR SHARE. */
async function markTaskCancelled(tx: Prisma.TransactionClient, taskId: string): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "Task"
       SET status = 'cancelled', "statusReason" = 'cancelled by a user', "finishedAt" = now(), "updatedAt" = now()
     WHERE id = ${taskId} AND status NOT IN ('done', 'failed', 'cancelled')`;
  return changed === 1;
}

/** Pending runs only: no worker holds them, so no fencing token is involved. */
async function cancelPendingRuns(tx: Prisma.TransactionClient, taskId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "PhaseRun"
       SET status = 'cancelled', "errorClass" = 'cancelled', "errorMessage" = 'task cancelled before this run started',
           "finishedAt" = now(), "updatedAt" = now()
     WHERE "taskId" = ${taskId} AND status = 'pending'
    RETURNING id`;
  return rows.map((row) => row.id);
}
