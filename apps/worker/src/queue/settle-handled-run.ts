import { notify, TASK_EVENTS_CHANNEL } from '@switchyard/db/queue';
import { LeaseLostError, RunCancelledError, WorkerShutdownError } from './errors';
import { finishPhaseRun } from './finish-phase-run';
import { retryOrFailPhaseRun } from './retry-or-fail-phase-run';
import type { PhaseRunLease } from './run-lease';

export type HandlerOutcome = { ok: true } | { ok: false; error: unknown };

export type Settlement =
  | 'finished-by-handler'
  | 'released'
  | 'lease-lost'
  | 'cancelled'
  | 'retry'
  | 'failed'
  | 'unfinished';

export const UNFINISHED_MESSAGE =
  'the phase handler returned without finishing the run (a bug in the worker)';

/**
 * What the loop does once a handler has returned or thrown, under the fence like any other write:
 * - the handler finished the run: nothing;
 * - shutdown released it, or the lease was lost: nothing (no longer ours to write);
 * - its task was cancelled: `cancelled`;
 * - it threw: back to pending with a backoff while attempts remain, else `failed` (retryOrFailPhaseRun);
 * - it returned without finishing: `failed` at once, since running it again would do the same.
 */
export async function settleHandledRun(lease: PhaseRunLease, outcome: HandlerOutcome): Promise<Settlement> {
  if (lease.isEnded) return 'finished-by-handler';
  const reason: unknown = lease.signal.aborted ? lease.signal.reason : undefined;
  if (reason instanceof WorkerShutdownError) return 'released';
  if (reason instanceof LeaseLostError || (!outcome.ok && outcome.error instanceof LeaseLostError)) {
    return 'lease-lost';
  }
  try {
    return await lease.runFenced(async (tx, state) => {
      if (reason instanceof RunCancelledError || state.taskStatus === 'cancelled') {
        await finishPhaseRun(tx, lease, {
          status: 'cancelled',
          errorClass: 'cancelled',
          errorMessage: 'task cancelled while this run was in progress',
        });
        await notify(tx, TASK_EVENTS_CHANNEL, lease.run.taskId); // the task's live logs end now
        return 'cancelled';
      }
      if (outcome.ok) {
        await finishPhaseRun(tx, lease, { status: 'failed', errorMessage: UNFINISHED_MESSAGE });
        return 'unfinished';
      }
      const result = await retryOrFailPhaseRun(tx, lease.run.id, lease.fencingToken, describe(outcome.error));
      return result?.status === 'pending' ? 'retry' : 'failed';
    });
  } catch (error) {
    if (error instanceof LeaseLostError) return 'lease-lost';
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
