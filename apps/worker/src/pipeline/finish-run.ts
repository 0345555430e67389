import { type Phase, Prisma } from '@switchyard/db';
import { enqueuePhaseRun, notify, TASK_EVENTS_CHANNEL, TaskCancelledError } from '@switchyard/db/queue';
import type { PhaseRouting } from '@switchyard/providers';
import { type Delivery, recordDelivery } from '../branch-store';
import { type FencedTx, finishPhaseRun, type RunLease } from '../queue';
import type { Budget } from './agent-session';
import { RUN_KINDS } from './kinds';
import type { StepOutcome } from './steps';

export const NOTHING_SPENT = {
  inputTokens: 0n,
  outputTokens: 0n,
  cacheTokens: 0n,
  costUsd: new Prisma.Decimal(0),
};

/** Spending of this run: the budget's growth since the run started. */
export function spentSince(before: Budget, after: Budget) {
  return {
    inputTokens: BigInt(after.inputTokens - before.inputTokens),
    outputTokens: BigInt(after.outputTokens - before.outputTokens),
    cacheTokens: BigInt(after.cacheTokens - before.cacheTokens),
    costUsd: new Prisma.Decimal((after.spentUsd - before.spentUsd).toFixed(6)),
  };
}

type Spent = ReturnType<typeof spentSince>;

/** Adds a run's spending to its task's totals (tokens and cost over time, per task). */
export async function addToTaskTotals(tx: FencedTx, taskId: string, spent: Spent): Promise<void> {
  await tx.task.update({
    where: { id: taskId },
    data: {
      inputTokens: { increment: spent.inputTokens },
      outputTokens: { increment: spent.outputTokens },
      cacheTokens: { increment: spent.cacheTokens },
      costUsd: { increment: spent.costUsd },
    },
  });
}

/**
 * A step succeeded: its artifacts, the run's end, the task's totals and status, and the next runs
 * (each with its routing decision resolved now) commit together, under this worker's fence.
 */
export async function finishSucceededRun(
  lease: RunLease,
  outcome: StepOutcome,
  spent: Spent,
  routingFor: (phase: Phase) => PhaseRouting,
  delivery: Delivery | null = null,
): Promise<void> {
  const { run } = lease;
  await lease.withFencedTransaction(async (tx) => {
    if (delivery) await recordDelivery(tx, run.taskId, delivery);
    for (const [name, content] of Object.entries(outcome.artifacts)) {
      await tx.artifact.upsert({
        where: { taskId_name: { taskId: run.taskId, name } },
        create: { taskId: run.taskId, phaseRunId: run.id, name, content },
        update: { content, phaseRunId: run.id },
      });
    }
    await finishPhaseRun(tx, lease, {
      status: 'succeeded',
      routingDecision: outcome.routing as object,
      usage: spent,
    });
    await addToTaskTotals(tx, run.taskId, spent);
    if (outcome.taskEnd) {
      await tx.task.updateMany({
        where: { id: run.taskId, status: { notIn: ['cancelled'] } },
        data: {
          status: outcome.taskEnd.status,
          statusReason: outcome.taskEnd.reason ?? null,
          finishedAt: new Date(),
        },
      });
      await notify(tx, TASK_EVENTS_CHANNEL, run.taskId); // its live subscriptions end now
    }
    for (const next of outcome.next) {
      const phase = RUN_KINDS[next.kind];
      try {
        await enqueuePhaseRun(tx, {
          taskId: run.taskId,
          phase,
          kind: next.kind,
          iteration: next.iteration,
          subtaskId: next.subtaskId,
          routingDecision: routingFor(phase) as object,
        });
      } catch (error) {
        if (!(error instanceof TaskCancelledError)) throw error; // cancelled meanwhile: queue nothing
      }
    }
  });
}

/** The run ends without success and its task stops with `reason` (blocked, failed or needs a human). */
export async function finishStoppedRun(
  lease: RunLease,
  stop: {
    runStatus: 'failed' | 'blocked';
    taskStatus: 'failed' | 'blocked' | 'needs_human';
    reason: string;
    errorClass?: Parameters<typeof finishPhaseRun>[2]['errorClass'];
    /** Null when the run stopped before its routing could be read. */
    routing: PhaseRouting | null;
  },
  spent: Spent,
): Promise<void> {
  await lease.withFencedTransaction(async (tx) => {
    await finishPhaseRun(tx, lease, {
      status: stop.runStatus,
      routingDecision: stop.routing as object,
      errorClass: stop.errorClass,
      errorMessage: stop.reason,
      usage: spent,
    });
    await addToTaskTotals(tx, lease.run.taskId, spent);
    await tx.task.updateMany({
      where: { id: lease.run.taskId, status: { notIn: ['cancelled', 'done'] } },
      data: { status: stop.taskStatus, statusReason: stop.reason, finishedAt: new Date() },
    });
    await notify(tx, TASK_EVENTS_CHANNEL, lease.run.taskId); // its live subscriptions end now
  });
}
