import { randomUUID } from 'node:crypto';
import {
  CANCEL_CHANNEL,
  END_TASK_WATCHES_SQL,
  listenForNotifications,
  type NotificationConnection,
  RENEW_TASK_WATCHES_SQL,
  SWEEP_TASK_WATCHES_SQL,
  TASK_EVENTS_CHANNEL,
  TASK_WATCH_RENEW_MS,
  TASK_WATCH_TTL_MS,
} from '@switchyard/db/queue';

/** A wake-up for one task, registered before reading its events so that no NOTIFY falls in between. */
export interface TaskEventWake {
  /** Resolves on the task's next NOTIFY, after the safety (or polling) interval, or when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void>;
  cancel(): void;
}

/** A live subscription's hold on its task: while held, the worker announces the task's new events. */
export interface TaskWatch {
  /** Resolves once the watch is recorded in PostgreSQL, or could not be (its waits then poll). */
  ready: Promise<void>;
  release(): void;
}

export interface TaskEventHub {
  /**
   * Follows `taskId` for as long as the watch is held (docs/decisions/0017): the worker NOTIFYs a
   * task's new events only while a web process watches it. Take it before the first read.
   */
  watch(taskId: string): TaskWatch;
  next(taskId: string): TaskEventWake;
  /** Resolves once the LISTEN connection is up (connecting if needed). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export interface TaskEventHubTiming {
  /** Without a listening connection (not yet up, or lost) a waiter polls at this pace, as before. */
  pollMs: number;
  /** With one and a recorded watch, a waiter still looks again this often, in case one was missed. */
  safetyMs: number;
  /** How often the hub renews its watch rows (they expire TASK_WATCH_TTL_MS after a renewal). */
  renewMs?: number;
}

const LISTEN_FAILED = 'the LISTEN connection failed; live logs poll every 250 ms until it is back';
/** How long a new subscription waits for its watch to be recorded before it reads anyway (and polls). */
const WATCH_READY_MS = 500;

const DEFAULT_TIMING: TaskEventHubTiming = { pollMs: 250, safetyMs: 2_000, renewMs: TASK_WATCH_RENEW_MS };

/**
 * One LISTEN connection per web process, shared by every live task subscription: the worker sends
 * `pg_notify(TASK_EVENTS_CHANNEL, taskId)` in the transaction that writes a task's events, and the
 * subscriptions waiting on that task read them as soon as they are committed, instead of on their
 * next poll (bench/reports/events.md: the 250 ms poll was almost all of the latency).
 * Connects on first use and reconnects with backoff; while it is down, waiters fall back to polling.
 * It records the tasks its subscriptions watch ("TaskWatch" rows, renewed over the same connection),
 * without which the worker announces no new events: a waiter on a task whose watch is not recorded
 * (not yet, or the write failed) polls too.
 */
export function createTaskEventHub(
  databaseUrl: string,
  onError?: (error: unknown) => void,
  timing: TaskEventHubTiming = DEFAULT_TIMING,
): TaskEventHub {
  const waiters = new Map<string, Set<() => void>>();
  const up = new Set<() => void>();
  let connection: NotificationConnection | null = null;
  let connecting = false;
  /** A reconnect is scheduled: only its timer may connect (no attempt per subscription). */
  let retryPending = false;
  let closed = false;
  let failures = 0;
  const watcher = randomUUID();
  /** Watched task ids and how many subscriptions hold each. */
  const watches = new Map<string, number>();
  const watchReady = new Map<string, Promise<void>>();
  /** Watched tasks whose row this connection has written (and renews). */
  const recorded = new Set<string>();
  /** Tasks no longer watched whose row is not deleted yet (the connection was down, or the DELETE failed). */
  const ending = new Set<string>();
  let renewTimer: NodeJS.Timeout | undefined;

  /** Reported with what a failure means for the subscriptions. */
  const fail = (what: string, error: unknown) =>
    onError?.(
      new Error(`${what} (${error instanceof Error ? error.message : String(error)})`, { cause: error }),
    );

  /** Writes (or renews) the rows of `taskIds` still watched; on failure their waiters poll. */
  const record = async (taskIds: string[]) => {
    const open = connection;
    if (!open || taskIds.length === 0) return;
    try {
      await open.query(RENEW_TASK_WATCHES_SQL, [watcher, taskIds, TASK_WATCH_TTL_MS]);
      if (connection !== open) return;
      for (const taskId of taskIds) if (watches.has(taskId)) recorded.add(taskId);
    } catch (error) {
      for (const taskId of taskIds) recorded.delete(taskId);
      fail('could not record the tasks live logs watch; they poll every 250 ms meanwhile', error);
    }
  };
  /** Deletes the rows of tasks no longer watched; kept for the next try if it cannot. */
  const flushEnds = async () => {
    const open = connection;
    if (!open || ending.size === 0) return;
    const taskIds = [...ending];
    try {
      await open.query(END_TASK_WATCHES_SQL, [watcher, taskIds]);
      for (const taskId of taskIds) if (!watches.has(taskId)) ending.delete(taskId);
    } catch (error) {
      fail('could not end the watch of tasks no live log follows any more', error);
    }
  };
  const renew = () => {
    void flushEnds();
    void record([...watches.keys()]);
    void connection
      ?.query(SWEEP_TASK_WATCHES_SQL)
      .catch((error) => fail('could not sweep expired task watches', error));
  };

  const wakeAll = (taskId: string) => {
    for (const wake of waiters.get(taskId) ?? []) wake();
  };
  const retryLater = () => {
    if (closed || retryPending) return;
    failures += 1;
    retryPending = true;
    setTimeout(
      () => {
        retryPending = false;
        void connect();
      },
      Math.min(30_000, 500 * 2 ** failures),
    ).unref();
  };
  const connect = async () => {
    if (connection || connecting || closed || retryPending) return;
    connecting = true;
    try {
      // A cancel settles the task too (its payload is the task id as well).
      const opened = await listenForNotifications(
        databaseUrl,
        [TASK_EVENTS_CHANNEL, CANCEL_CHANNEL],
        (_, taskId) => wakeAll(taskId),
      );
      if (closed) {
        await opened.close();
        return;
      }
      connection = opened;
      const connectedAt = Date.now();
      void opened.ended.then((error) => {
        connection = null;
        // Rows written on it expire unless renewed; a new connection writes them again.
        recorded.clear();
        if (error) fail(LISTEN_FAILED, error);
        // Anything committed while nobody listened: every waiter looks again now.
        for (const taskId of waiters.keys()) wakeAll(taskId);
        // A connection that lived a while is back at once; one dropped right away backs off.
        if (Date.now() - connectedAt > 30_000) {
          failures = 0;
          void connect();
        } else retryLater();
      });
      // The watches again (a new connection), before `listening()` resolves.
      await flushEnds();
      await record([...watches.keys()]);
      if (closed) return; // close() ran meanwhile and closed this connection
      renewTimer ??= setInterval(renew, timing.renewMs ?? TASK_WATCH_RENEW_MS).unref();
      for (const resolve of up) resolve();
      up.clear();
    } catch (error) {
      fail(LISTEN_FAILED, error);
      retryLater();
    } finally {
      connecting = false;
    }
  };

  return {
    watch(taskId) {
      void connect();
      const holders = watches.get(taskId) ?? 0;
      watches.set(taskId, holders + 1);
      ending.delete(taskId);
      let ready = watchReady.get(taskId);
      if (!ready) {
        // Bounded: a stalled connection must not hold a subscription's first read back.
        ready = Promise.race([record([taskId]), sleep(WATCH_READY_MS)]);
        watchReady.set(taskId, ready);
      }
      let released = false;
      return {
        ready,
        release() {
          if (released || closed) return;
          released = true;
          const left = (watches.get(taskId) ?? 1) - 1;
          if (left > 0) return void watches.set(taskId, left);
          watches.delete(taskId);
          watchReady.delete(taskId);
          recorded.delete(taskId);
          ending.add(taskId);
          void flushEnds();
        },
      };
    },
    next(taskId) {
      void connect();
      let wake: () => void = () => {};
      let woken = false;
      const notified = new Promise<void>((resolve) => {
        wake = () => {
          woken = true;
          resolve();
        };
      });
      const set = waiters.get(taskId) ?? new Set();
      set.add(wake);
      waiters.set(taskId, set);
      const cancel = () => {
        wake(); // a wait in progress returns
        set.delete(wake);
        if (set.size === 0 && waiters.get(taskId) === set) waiters.delete(taskId);
      };
      return {
        cancel,
        async wait(signal) {
          if (woken || signal?.aborted) return cancel();
          let timer: NodeJS.Timeout | undefined;
          let onAbort: (() => void) | undefined;
          try {
            await Promise.race([
              notified,
              new Promise<void>((resolve) => {
                const announced = connection !== null && recorded.has(taskId);
                timer = setTimeout(resolve, announced ? timing.safetyMs : timing.pollMs);
                onAbort = resolve;
                signal?.addEventListener('abort', onAbort, { once: true });
              }),
            ]);
          } finally {
            clearTimeout(timer);
            if (onAbort) signal?.removeEventListener('abort', onAbort);
            cancel();
          }
        },
      };
    },
    listening() {
      if (connection) return Promise.resolve();
      const ready = new Promise<void>((resolve) => up.add(resolve));
      void connect();
      return ready;
    },
    async close() {
      closed = true;
      clearInterval(renewTimer);
      for (const taskId of watches.keys()) ending.add(taskId);
      await flushEnds();
      await connection?.close();
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
