import type { PrismaClient } from '@switchyard/db';
import { LeaseLostError, RunCancelledError } from './errors';
import { EventBuffer, insertPhaseEvents } from './event-buffer';
import { type FencedRunState, lockRunUnderFence } from './fence';
import { type ClaimWithFinish, fencedWrite, type PlainFinish } from './fenced-write';
import { Heartbeat } from './heartbeat';
import { releasePhaseRun } from './release-phase-run';
import { runEndedIn } from './run-ended';
import type { QueueSql } from './sql';
import type { ClaimedRun, FencedTx, PhaseEventInput, RunLease } from './types';

export interface RunLeaseOptions {
  workerId: string;
  leaseMs: number;
  /** Events per batch before a write is due (default 50). */
  eventBatchSize?: number;
  /** How long an event may wait to be written (default 100 ms). */
  eventFlushMs?: number;
  /** Prisma interactive-transaction limits for fenced transactions. */
  transaction?: { maxWait?: number; timeout?: number };
  onBackgroundError?: (error: unknown) => void;
  /** The worker loop's hand-off of this run's slot to the next run (decision 0015). */
  handOff?: SlotHandOff;
}

/**
 * Lets `finish()` claim the next run in the same statement (finish + claim: one round trip instead of
 * two when the queue has work): the loop says whether it wants one, and takes the run it got.
 */
export interface SlotHandOff {
  /** Asked as the finish is sent: the claim to fold into it, or null (the worker is stopping). */
  claimWith(): ClaimWithFinish | null;
  /** The run the finish claimed (running, leased to this worker): the loop must start or release it. */
  take(run: ClaimedRun): void;
}

/**
 * One claimed run as this worker holds it: the AbortSignal, the heartbeat, the event buffer and the
 * fence. Fenced transactions of one lease run one after another (a promise chain), so event batches
 * keep their order and the heartbeat-free gaps stay short.
 */
export class PhaseRunLease implements RunLease {
  readonly fencingToken: bigint;
  private readonly controller = new AbortController();
  private readonly events: EventBuffer;
  private readonly heartbeat: Heartbeat;
  private chain: Promise<unknown> = Promise.resolve();
  private ended = false;
  /** A background flush is queued and has not drained the buffer yet. */
  private flushQueued = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly sql: QueueSql,
    readonly run: ClaimedRun,
    private readonly options: RunLeaseOptions,
  ) {
    this.fencingToken = run.fencingToken;
    this.events = new EventBuffer(() => this.flushInBackground(), {
      batchSize: options.eventBatchSize ?? 50,
      flushMs: options.eventFlushMs ?? 100,
    });
    this.heartbeat = new Heartbeat(sql, {
      runId: run.id,
      fencingToken: run.fencingToken,
      leaseMs: options.leaseMs,
      onLost: (why) =>
        this.abort(
          new LeaseLostError(
            run.id,
            run.fencingToken,
            why === 'lost' ? undefined : 'the database could not be reached to renew it',
          ),
        ),
      onTaskCancelled: () => this.abort(new RunCancelledError(run.id)),
      onError: (error) => this.options.onBackgroundError?.(error),
    });
  }

  get workerId(): string {
    return this.options.workerId;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once a fenced transaction committed the run out of `running`, or it was released. */
  get isEnded(): boolean {
    return this.ended;
  }

  startHeartbeat(): void {
    this.heartbeat.start();
  }

  abort(reason: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  appendEvents(events: readonly PhaseEventInput[]): void {
    if (this.ended)
      throw new Error(`Phase run ${this.run.id} has ended; its events can no longer be written.`);
    this.events.append(events);
  }

  /** Writes the buffered events now, in one fenced statement (no transaction of Prisma's). */
  flushEvents(): Promise<void> {
    return this.chained(async () => {
      await this.plainWrite(null);
    });
  }

  /** Ends the run (with the buffered events) in one fenced statement: see RunLease.finish. */
  finish(finish: PlainFinish): Promise<void> {
    return this.chained(async () => {
      await this.plainWrite(finish);
      this.end();
    });
  }

  withFencedTransaction<T>(fn: (tx: FencedTx) => Promise<T>): Promise<T> {
    return this.runFenced((tx) => fn(tx));
  }

  /** withFencedTransaction that also hands `fn` the locked run's state (for the loop's settlement). */
  runFenced<T>(fn: (tx: FencedTx, state: FencedRunState) => Promise<T>): Promise<T> {
    return this.chained(() => this.transaction(fn));
  }

  /** Fenced writes of one lease run one after another, in the order they were asked for. */
  private chained<T>(write: () => Promise<T>): Promise<T> {
    const next = this.chain.then(write);
    this.chain = next.catch(() => {});
    return next;
  }

  private async plainWrite(finish: PlainFinish | null): Promise<void> {
    const drained = this.events.take();
    this.flushQueued = false;
    if (drained.length === 0 && !finish) return;
    const claimNext = finish ? (this.options.handOff?.claimWith() ?? null) : null;
    let result: Awaited<ReturnType<typeof fencedWrite>>;
    try {
      result = await fencedWrite(this.sql, this.run, this.fencingToken, drained, finish, claimNext);
    } catch (error) {
      this.events.restore(drained);
      throw error;
    }
    if (!result.held) {
      const lost = new LeaseLostError(this.run.id, this.fencingToken, result.why);
      this.abort(lost);
      throw lost;
    }
    if (result.next) this.options.handOff?.take(result.next);
  }

  /** Shutdown: writes what it can, then hands the run back to the queue. False if no longer held. */
  async release(): Promise<boolean> {
    try {
      return await this.runFenced((tx) => releasePhaseRun(tx, this.run.id, this.fencingToken));
    } catch (error) {
      if (error instanceof LeaseLostError) return false;
      throw error;
    } finally {
      this.end();
    }
  }

  /** Stops the heartbeat and timers; the loop calls it once the handler has settled. */
  end(): void {
    this.ended = true;
    this.heartbeat.stop();
    this.events.dispose();
  }

  private async transaction<T>(fn: (tx: FencedTx, state: FencedRunState) => Promise<T>): Promise<T> {
    let drained: PhaseEventInput[] = [];
    let stillRunning = true;
    try {
      const result = await this.db.$transaction(
        async (tx) => {
          const state = await lockRunUnderFence(tx, this.run.id, this.fencingToken);
          drained = this.events.take();
          this.flushQueued = false; // this transaction writes whatever a queued flush was for
          await insertPhaseEvents(tx, this.run, drained);
          const value = await fn(tx, state);
          stillRunning = !runEndedIn(tx);
          return value;
        },
        {
          maxWait: this.options.transaction?.maxWait ?? 10_000,
          timeout: this.options.transaction?.timeout ?? 30_000,
        },
      );
      if (!stillRunning) this.end();
      return result;
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.abort(error);
      } else {
        this.events.restore(drained);
      }
      throw error;
    }
  }

  /**
   * One queued flush at a time: a burst of appends past the batch size would otherwise queue a
   * transaction per append, each finding the buffer already drained by the first (thousands of
   * empty transactions for a flat-out burst: bench/reports/events.md).
   */
  private flushInBackground(): void {
    if (this.ended || this.events.size === 0 || this.flushQueued) return;
    this.flushQueued = true;
    this.flushEvents().catch((error: unknown) => {
      this.flushQueued = false;
      if (!(error instanceof LeaseLostError)) this.options.onBackgroundError?.(error);
    });
  }
}
