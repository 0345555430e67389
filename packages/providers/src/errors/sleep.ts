import { ProviderError } from './classes';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A sleep that rejects with a `cancelled` ProviderError as soon as the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const cancel = () =>
      new ProviderError({
        class: 'cancelled',
        action: 'fail',
        httpStatus: null,
        providerCode: null,
        message: 'Cancelled while waiting to retry',
        retryAfterMs: null,
      });
    if (signal?.aborted) return reject(cancel());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancel());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
