import { ProviderError } from '../errors/classes';

/**
 * How long a streamed response may go without a single event, once it has started, before the call
 * fails as a `timeout` (and is retried like one). Without it a provider that stops sending mid-stream
 * holds the phase until the request timeout (10 minutes). Generous, because a model may think for a
 * while between events; the worker sets it from WORKER_STREAM_IDLE_MS.
 */
export const DEFAULT_STREAM_IDLE_MS = 180_000;

export interface StreamIdleWatch {
  /** The caller's signal, aborted as well when the stream goes quiet. */
  readonly signal: AbortSignal;
  /** Re-arms the timer: call it when the response starts and on every event. */
  arm(): void;
  stop(): void;
  /** True once the timer fired. */
  readonly idled: boolean;
}

export function watchStreamIdle(idleMs: number, outer: AbortSignal | undefined): StreamIdleWatch {
  // One controller for both causes; the caller's abort is forwarded (and the listener removed in
  // stop(), so a long-lived run signal does not collect one per call).
  const controller = new AbortController();
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let idled = false;
  return {
    signal: controller.signal,
    arm() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idled = true;
        controller.abort(new Error(`stream idle for ${idleMs} ms`));
      }, idleMs);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
    get idled() {
      return idled;
    },
  };
}

/** The error a stalled stream ends with: a timeout, retried like a network timeout. */
export function streamIdleError(idleMs: number, cause: unknown): ProviderError {
  return new ProviderError(
    {
      class: 'timeout',
      action: 'retry',
      httpStatus: null,
      providerCode: null,
      message: `the response stalled: nothing arrived for ${Math.round(idleMs / 1000)} s in the middle of the stream`,
      retryAfterMs: null,
    },
    { cause },
  );
}
