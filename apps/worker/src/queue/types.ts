import type { EventType, Phase, Prisma } from '@switchyard/db';
import type { PlainFinish } from './fenced-write';

/** The columns of a PhaseRun a handler needs, as they were when this worker claimed it. */
export interface ClaimedRun {
  id: string;
  taskId: string;
  phase: Phase;
  kind: string;
  iteration: number;
  subtaskId: string | null;
  priority: number;
  routingDecision: Prisma.JsonValue | null;
  attempt: number;
  maxAttempts: number;
  leaseOwner: string;
  leaseExpiresAt: Date;
  fencingToken: bigint;
  startedAt: Date;
}

/** One event for the run's log (PhaseEvent); `seq` and `at` are assigned when it is written. */
export interface PhaseEventInput {
  type: EventType;
  payload: Prisma.InputJsonValue;
}

/** A transaction in which this worker's lease on the run was checked and the run row is locked. */
export type FencedTx = Prisma.TransactionClient;

/** What a handler gets for one claimed run. */
export interface RunLease {
  readonly run: ClaimedRun;
  readonly fencingToken: bigint;
  readonly workerId: string;
  /** Aborted on cancel (RunCancelledError), lease loss (LeaseLostError) or shutdown (WorkerShutdownError). */
  readonly signal: AbortSignal;
  /** Buffers events; they are written by count, by time, and at the start of every fenced transaction. */
  appendEvents(events: readonly PhaseEventInput[]): void;
  /** Writes buffered events now (fenced). Rejects with LeaseLostError when the lease is gone. */
  flushEvents(): Promise<void>;
  /**
   * Ends the run with the buffered events, fenced, in one statement (one round trip): for a handler
   * that has nothing else to write in the same transaction. Rejects with LeaseLostError. In the
   * worker loop the same statement claims the slot's next run (decision 0015), which starts once
   * the handler returns: return soon after it resolves.
   */
  finish(finish: PlainFinish): Promise<void>;
  /**
   * Opens a transaction, locks the run row, checks this lease still holds it (else LeaseLostError),
   * writes buffered events, then runs `fn`. Finish the run (finishPhaseRun) and enqueue the next
   * phase inside one such call. Not reentrant: do not call it from inside `fn`.
   */
  withFencedTransaction<T>(fn: (tx: FencedTx) => Promise<T>): Promise<T>;
}

/** Runs one claimed phase and finishes it through `lease.withFencedTransaction`. */
export type PhaseHandler = (lease: RunLease) => Promise<void>;
