import type { PrismaClient } from '@switchyard/db';
import type { Logger } from '../logger';
import { claimNextPhaseRun } from './claim-next-phase-run';
import { RunCancelledError, WorkerShutdownError } from './errors';
import { NotificationListener } from './notification-listener';
import { recoverExpiredLeases } from './recover-expired-leases';
import { PhaseRunLease } from './run-lease';
import { type HandlerOutcome, settleHandledRun } from './settle-handled-run';
import type { QueueSql } from './sql';
import type { ClaimedRun, PhaseHandler } from './types';

export interface WorkerLoopOptions {
  /** For handlers' fenced transactions. */
  prisma: PrismaClient;
  /** The queue's own statements: claim, heartbeat, recovery, event flushes (sql.ts). */
  sql: QueueSql;
  /** For the LISTEN connection. */
  databaseUrl: string;
  workerId: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  shutdownGraceMs: number;
  handler: PhaseHandler;
  log: Logger;
  /** How often this worker recovers expired leases (default: min(pollMs, leaseMs / 2)). */
  recoverEveryMs?: number;
  eventBatchSize?: number;
  eventFlushMs?: number;
}

/** After the grace period and the abort, how long handlers get to unwind before the worker exits. */
const UNWIND_MS = 2_000;

/** A run claimed by the finish of the run before it in the slot, waiting for that handler to return. */
interface HandedOff {
  lease: PhaseRunLease;
  log: Logger;
}

interface Slot {
  lease: PhaseRunLease;
  /** The handler and what follows it: the hand-off to `next`, then a wake. */
  done: Promise<void>;
  /** Claimed by this run's `finish()` (decision 0015): started in this slot, or released when stopping. */
  next?: HandedOff;
}

/**
 * `concurrency` slots. An idle slot claims when woken: by a NOTIFY, by the poll timer, or by a slot
 * finishing. Claims are made one at a time per process (the `claiming` flag), which is plenty:
 * a claim is one indexed statement, and other processes claim in parallel with SKIP LOCKED.
 * A handler's plain `finish()` claims the slot's next run in its own statement (decision 0015): the
 * slot stays taken, the next run heartbeats from its claim and starts once the handler has returned.
 */
export class WorkerLoop {
  private readonly active = new Map<string, Slot>();
  private readonly listener: NotificationListener;
  private pollTimer: NodeJS.Timeout | undefined;
  private recoverTimer: NodeJS.Timeout | undefined;
  private claiming = false;
  private wakeAgain = false;
  private stopping = false;
  /** Set once stop()'s grace period is over: a run a finish claims after that is released at once. */
  private graceOver = false;
  /** Releases of runs a finish claimed while stopping: stop() waits for them. */
  private readonly releasing = new Set<Promise<void>>();

  constructor(private readonly options: WorkerLoopOptions) {
    this.listener = new NotificationListener(
      options.databaseUrl,
      { onRunsPending: () => this.wake(), onTaskCancelled: (taskId) => this.cancelTask(taskId) },
      options.log,
    );
  }

  /** Run ids this process is executing now. */
  get runningRunIds(): string[] {
    return [...this.active.keys()];
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs);
    const recoverEveryMs =
      this.options.recoverEveryMs ?? Math.max(100, Math.min(this.options.pollMs, this.options.leaseMs / 2));
    this.recoverTimer = setInterval(() => void this.recover(), recoverEveryMs);
    this.wake();
  }

  /**
   * Stops claiming, gives running handlers `shutdownGraceMs` to finish, then aborts the rest with
   * WorkerShutdownError and releases their runs to the queue (fenced) for another worker.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearInterval(this.recoverTimer);
    const allDone = () => Promise.all([...this.active.values()].map((slot) => slot.done));
    if (this.active.size > 0) await settledWithin(allDone(), this.options.shutdownGraceMs);
    this.graceOver = true;
    const left = [...this.active.values()];
    for (const { lease } of left) lease.abort(new WorkerShutdownError(lease.run.id));
    // Runs a finish claimed for a handler that has not returned: theirs never start now.
    const waiting = left.flatMap((slot) => {
      const next = slot.next;
      slot.next = undefined;
      return next ? [next] : [];
    });
    const released = await Promise.all(left.map(({ lease }) => lease.release().catch(() => false)));
    await Promise.all(waiting.map((next) => this.release(next)));
    if (left.length > 0) {
      this.options.log.warn(
        { released: left.filter((_, i) => released[i]).map(({ lease }) => lease.run.id) },
        'grace period over: released unfinished runs',
      );
      await settledWithin(allDone(), UNWIND_MS);
    }
    await Promise.all(this.releasing);
    await this.listener.stop();
  }

  /** Claims into every idle slot. Safe to call any time; concurrent calls coalesce. */
  wake(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.wakeAgain = true;
      return;
    }
    void this.fillSlots();
  }

  private async fillSlots(): Promise<void> {
    this.claiming = true;
    try {
      do {
        this.wakeAgain = false;
        while (!this.stopping && this.active.size < this.options.concurrency) {
          const run = await claimNextPhaseRun(this.options.sql, this.options);
          if (!run) break;
          this.startRun(run);
        }
      } while (this.wakeAgain && !this.stopping && this.active.size < this.options.concurrency);
    } catch (error) {
      this.options.log.error({ err: error }, 'could not claim a phase run; retrying at the next poll');
    } finally {
      this.claiming = false;
    }
  }

  private startRun(run: ClaimedRun): void {
    if (this.stopping) return;
    this.begin(this.claimed(run));
  }

  /** A claimed run's lease, heartbeating from now on (its handler starts in `begin`). */
  private claimed(run: ClaimedRun): HandedOff {
    const log = this.options.log.child({
      runId: run.id,
      taskId: run.taskId,
      kind: run.kind,
      attempt: run.attempt,
    });
    const lease = new PhaseRunLease(this.options.prisma, this.options.sql, run, {
      workerId: this.options.workerId,
      leaseMs: this.options.leaseMs,
      eventBatchSize: this.options.eventBatchSize,
      eventFlushMs: this.options.eventFlushMs,
      onBackgroundError: (error) => log.warn({ err: error }, 'background queue write failed'),
      handOff: {
        claimWith: () =>
          this.stopping ? null : { workerId: this.options.workerId, leaseMs: this.options.leaseMs },
        take: (next) => this.handedOff(run.id, next),
      },
    });
    lease.startHeartbeat();
    // Written (synchronously, to stdout) once the handler's first statement is on its way, not before:
    // the line is not on the path from the claim to the handler's work (pickup latency).
    setImmediate(() => log.info('claimed phase run'));
    return { lease, log };
  }

  private begin({ lease, log }: HandedOff): void {
    const runId = lease.run.id;
    const slot: Slot = { lease, done: Promise.resolve() };
    slot.done = this.handle(lease, log).finally(async () => {
      lease.end();
      this.active.delete(runId);
      const next = slot.next;
      slot.next = undefined;
      if (next) await this.startOrRelease(next);
      this.wake();
    });
    this.active.set(runId, slot);
  }

  /** `finish()` of the run in slot `runId` claimed `run`: it takes that slot once the handler returns. */
  private handedOff(runId: string, run: ClaimedRun): void {
    const next = this.claimed(run);
    const slot = this.active.get(runId);
    if (slot && !slot.next && !this.graceOver) {
      slot.next = next;
      return;
    }
    // The handler returned without awaiting its finish (the slot is gone, maybe refilled meanwhile),
    // or the grace period is over (the slot's handler may never return).
    const settled = this.startOrRelease(next);
    this.releasing.add(settled);
    void settled.finally(() => this.releasing.delete(settled));
  }

  private async startOrRelease(next: HandedOff): Promise<void> {
    if (!this.stopping && this.active.size < this.options.concurrency) this.begin(next);
    else await this.release(next);
  }

  /** Hands back a run a finish claimed but this worker will not start (stopping): fenced, with a NOTIFY. */
  private async release({ lease, log }: HandedOff): Promise<void> {
    try {
      const released = await lease.release();
      log.info({ released }, 'released a run claimed with a finish; the worker is stopping');
    } catch (error) {
      log.warn({ err: error }, 'could not release a claimed run; its lease will expire');
    }
  }

  private async handle(lease: PhaseRunLease, log: Logger): Promise<void> {
    const startedAt = Date.now();
    let outcome: HandlerOutcome;
    try {
      await this.options.handler(lease);
      outcome = { ok: true };
    } catch (error) {
      outcome = { ok: false, error };
    }
    try {
      const settlement = await settleHandledRun(lease, outcome);
      // One info line per run: "claimed phase run" (which worker took it, and when; a run that hangs has
      // no other). A run its handler finished is on record in PhaseRun (status, finishedAt): debug.
      const level =
        settlement === 'finished-by-handler' ? 'debug' : settlement === 'released' ? 'info' : 'warn';
      if (log.isLevelEnabled(level)) {
        const durationMs = Date.now() - startedAt;
        log[level](
          { settlement, durationMs, err: outcome.ok ? undefined : outcome.error },
          'phase run settled',
        );
      }
    } catch (error) {
      log.error({ err: error }, 'could not record the outcome of a phase run; its lease will expire');
    }
  }

  private cancelTask(taskId: string): void {
    for (const { lease, next } of this.active.values()) {
      for (const held of next ? [lease, next.lease] : [lease]) {
        if (held.run.taskId === taskId) held.abort(new RunCancelledError(held.run.id));
      }
    }
  }

  private async recover(): Promise<void> {
    try {
      const recovered = await recoverExpiredLeases(this.options.sql);
      if (recovered.length > 0) this.options.log.warn({ recovered }, 'recovered runs with expired leases');
    } catch (error) {
      this.options.log.warn({ err: error }, 'lease recovery failed; retrying later');
    }
  }
}

function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
