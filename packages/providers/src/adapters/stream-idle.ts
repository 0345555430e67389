import { AsyncLocalStorage } from 'node:async_hooks';
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

// The watch of the streamed call in progress, for the fetch below: set around the SDK call, read when
// the SDK fetches, so one SDK client serves concurrent calls each with its own watch.
const currentWatch = new AsyncLocalStorage<StreamIdleWatch>();

/** Runs an SDK call so that `idleAwareFetch` re-arms `watch` on every byte of its response. */
export function withStreamIdleWatch<T>(watch: StreamIdleWatch, call: () => Promise<T>): Promise<T> {
  return currentWatch.run(watch, call);
}

/**
 * The SDKs' fetch, re-arming the current call's idle watch on every chunk of the body. The SDKs drop
 * keep-alives before their events (Anthropic `ping`, SSE `:` comments from OpenRouter or DeepSeek
 * while a request waits in a queue), so arming on events alone would time out a healthy stream.
 */
export function idleAwareFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const watch = currentWatch.getStore();
    if (!watch || !response.body) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          watch.arm();
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
