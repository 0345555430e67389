// Why a run's AbortSignal fired (`lease.signal.reason`), and the error a fenced write throws.

/** This worker no longer holds the run: another claim bumped its fencing token, or it was finished or released. */
export class LeaseLostError extends Error {
  constructor(
    readonly runId: string,
    readonly fencingToken: bigint,
    detail = 'another worker holds it now, or it is no longer running',
  ) {
    super(`Lost the lease on phase run ${runId} (fencing token ${fencingToken}): ${detail}.`);
    this.name = 'LeaseLostError';
  }
}

/** The run's task was cancelled (requestTaskCancel). */
export class RunCancelledError extends Error {
  constructor(readonly runId: string) {
    super(`Phase run ${runId} was cancelled with its task.`);
    this.name = 'RunCancelledError';
  }
}

/** The worker is shutting down and the grace period is over; the run is released for another worker. */
export class WorkerShutdownError extends Error {
  constructor(readonly runId: string) {
    super(`The worker is shutting down; phase run ${runId} goes back to the queue for another worker.`);
    this.name = 'WorkerShutdownError';
  }
}
