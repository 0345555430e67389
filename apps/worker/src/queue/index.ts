// The worker's half of the phase queue (ARCHITECTURE.md §6). The pipeline needs: PhaseHandler,
// RunLease (withFencedTransaction, appendEvents, signal), finishPhaseRun, the abort reasons, and
// enqueuePhaseRun from @switchyard/db/queue for the next phase.
export { CLAIM_CANDIDATE_SQL, claimNextPhaseRun } from './claim-next-phase-run';
export { LeaseLostError, RunCancelledError, WorkerShutdownError } from './errors';
export { type ExtendLeaseResult, extendLease } from './extend-lease';
export type { PlainFinish } from './fenced-write';
export { type FinishPhaseRunInput, finishPhaseRun } from './finish-phase-run';
export { NO_PIPELINE_MESSAGE, noPipelineHandler } from './no-pipeline-handler';
export { type RecoveredRun, recoverExpiredLeases } from './recover-expired-leases';
export { releasePhaseRun } from './release-phase-run';
export { retryOrFailPhaseRun } from './retry-or-fail-phase-run';
export { PhaseRunLease, type RunLeaseOptions } from './run-lease';
export { UNFINISHED_MESSAGE } from './settle-handled-run';
export { createQueuePool, type QueueSql } from './sql';
export type { ClaimedRun, FencedTx, PhaseEventInput, PhaseHandler, RunLease } from './types';
export { WorkerLoop, type WorkerLoopOptions } from './worker-loop';
