import type { PhaseRun, Prisma } from '../generated/prisma/client';
import type { Phase } from '../generated/prisma/enums';
import { PHASE_RUNS_CHANNEL } from './channels';
import { type DbClient, inTransaction } from './db-client';
import { notify } from './notify';

export interface EnqueuePhaseRunInput {
  taskId: string;
  phase: Phase;
  /** e.g. spec.requirements, planning.plan, coding.subtask, qa.review, qa.fix */
  kind: string;
  iteration?: number;
  subtaskId?: string | null;
  /** Lower runs first. */
  priority?: number;
  /** ARCHITECTURE.md §4.5, resolved by the caller. */
  routingDecision: Prisma.InputJsonValue | null;
  maxAttempts?: number;
  /** Not claimable before this instant (default: now). */
  runAfter?: Date;
}

/** The task was cancelled: nothing new may be queued for it. */
export class TaskCancelledError extends Error {
  constructor(readonly taskId: string) {
    super(`Task ${taskId} is cancelled; no new phase run was queued for it.`);
    this.name = 'TaskCancelledError';
  }
}

/**
 * Inserts a pending PhaseRun and wakes the workers, in one transaction: `db`'s when it is a
 * transaction client (so that finishing a phase and queueing the next commit together), else a new
 * one. Throws TaskCancelledError when the task is cancelled.
 */
export function enqueuePhaseRun(db: DbClient, input: EnqueuePhaseRunInput): Promise<PhaseRun> {
  return inTransaction(db, async (tx) => {
    const status = await lockTaskStatus(tx, input.taskId);
    if (status === undefined)
      throw new Error(`Task ${input.taskId} does not exist; no phase run was queued.`);
    if (status === 'cancelled') throw new TaskCancelledError(input.taskId);
    const run = await tx.phaseRun.create({
      data: {
        taskId: input.taskId,
        phase: input.phase,
        kind: input.kind,
        iteration: input.iteration ?? 0,
        subtaskId: input.subtaskId ?? null,
        priority: input.priority ?? 0,
        routingDecision: input.routingDecision ?? undefined,
        maxAttempts: input.maxAttempts ?? 3,
        ...(input.runAfter ? { runAfter: input.runAfter } : {}),
      },
    });
    await notify(tx, PHASE_RUNS_CHANNEL, run.id);
    return run;
  });
}

/**
 * FOR SHARE: a concurrent requestTaskCancel (which updates the task row first) either commits before
 * this reads (and we refuse) or waits for this transaction, then cancels the run it inserted.
 */
async function lockTaskStatus(tx: Prisma.TransactionClient, taskId: string): Promise<string | undefined> {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "Task" WHERE id = ${taskId} FOR SHARE`;
  return rows[0]?.status;
}
