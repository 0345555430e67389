import { finishPhaseRun } from './finish-phase-run';
import type { PhaseHandler } from './types';

export const NO_PIPELINE_MESSAGE = 'no pipeline handler is installed in this worker build';

/**
 * The handler a Worker uses when none is given (until the pipeline lands). It must not pretend to
 * work: the run fails, visibly, under the fence.
 */
export const noPipelineHandler: PhaseHandler = async (lease) => {
  await lease.withFencedTransaction((tx) =>
    finishPhaseRun(tx, lease, { status: 'failed', errorMessage: NO_PIPELINE_MESSAGE }),
  );
};
