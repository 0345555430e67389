import type { ErrorClass, Prisma } from '@switchyard/db';
import { LeaseLostError } from './errors';
import { markRunEnded } from './run-ended';
import type { FencedTx } from './types';

export interface FinishPhaseRunInput {
  status: 'succeeded' | 'failed' | 'blocked' | 'cancelled';
  errorClass?: ErrorClass | null;
  errorMessage?: string | null;
  /** The run's final routing decision (with its retries and fallbacks), written in the same statement. */
  routingDecision?: object | null;
  /** Totals for the run (not increments). */
  usage?: {
    inputTokens?: bigint;
    outputTokens?: bigint;
    cacheTokens?: bigint;
    costUsd?: Prisma.Decimal | number;
  };
}

/**
 * Ends a run: final status, finishedAt, lease cleared. Call it inside withFencedTransaction (the run
 * row is locked and checked there); the token and status conditions repeat the fence so that the
 * statement is safe on its own too.
 */
export async function finishPhaseRun(
  tx: FencedTx,
  lease: { run: { id: string }; fencingToken: bigint },
  input: FinishPhaseRunInput,
): Promise<void> {
  const { count } = await tx.phaseRun.updateMany({
    where: { id: lease.run.id, fencingToken: lease.fencingToken, status: 'running' },
    data: {
      status: input.status,
      errorClass: input.errorClass ?? null,
      errorMessage: input.errorMessage ?? null,
      finishedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
      // None (the run stopped before its routing was read): keep the decision made when it was queued.
      ...(input.routingDecision ? { routingDecision: input.routingDecision } : {}),
      ...input.usage,
    },
  });
  if (count !== 1) throw new LeaseLostError(lease.run.id, lease.fencingToken);
  markRunEnded(tx);
}
