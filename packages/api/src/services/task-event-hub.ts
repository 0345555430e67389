import {
  CANCEL_CHANNEL,
  listenForNotifications,
  type NotificationConnection,
  TASK_EVENTS_CHANNEL,
} from '@switchyard/db/queue';

/** A wake-up for one task, registered before reading its events so that no NOTIFY falls in between. */
export interface TaskEventWake {
  /** Resolves on the task's next NOTIFY, after the safety (or polling) interval, or when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void>;
  cancel(): void;
}

export interface TaskEventHub {
  next(taskId: string): TaskEventWake;
  /** Resolves once the LISTEN connection is up (connecting if needed). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export interface TaskEventHubTiming {
  /** Without a listening connection (not yet up, or lost) a waiter polls at this pace, as before. */
  pollMs: number;
  /** With one, a waiter still looks again this often, in case a notification was missed. */
  safetyMs: number;
}

const DEFAULT_TIMING: TaskEventHubTiming = { pollMs: 250, safetyMs: 2_000 };

/**
 * One LISTEN connection per web process, shared by every live task subscription: the worker sends
 * `pg_notify(TASK_EVENTS_CHANNEL, taskId)` in the transaction that writes a task's events, and the
 * subscriptions waiting on that task read them as soon as they are committed, instead of on their
 * next poll (bench/reports/events.md: the 250 ms poll was almost all of the latency).
 * Connects on first use and reconnects with backoff; while it is down, waiters fall back to polling.
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
      for (const resolve of up) resolve();
      up.clear();
      void opened.ended.then((error) => {
        connection = null;
        if (error) onError?.(error);
        // Anything committed while nobody listened: every waiter looks again now.
        for (const taskId of waiters.keys()) wakeAll(taskId);
        // A connection that lived a while is back at once; one dropped right away backs off.
        if (Date.now() - connectedAt > 30_000) {
          failures = 0;
          void connect();
        } else retryLater();
      });
    } catch (error) {
      onError?.(error);
      retryLater();
    } finally {
      connecting = false;
    }
  };

  return {
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
                timer = setTimeout(resolve, connection ? timing.safetyMs : timing.pollMs);
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
      await connection?.close();
    },
  };
}
