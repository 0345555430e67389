import { readRateLimits } from '../keys/rate-limits';
import { ProviderError, type ProviderErrorInfo } from './classes';
import { classifyProviderError } from './classify';

/** The fields both SDKs' APIError classes share. */
interface SdkApiError {
  name: string;
  message: string;
  status?: number;
  headers?: Headers;
  error?: unknown;
}

function cancelled(message = 'Cancelled'): ProviderErrorInfo {
  return {
    class: 'cancelled',
    action: 'fail',
    httpStatus: null,
    providerCode: null,
    message,
    retryAfterMs: null,
  };
}

/**
 * Turn whatever an SDK call threw into a classified ProviderError. `midStream` is true once the
 * response has started streaming, so an error event there reads as an interrupted stream.
 */
export function toProviderError(
  err: unknown,
  opts: { signal?: AbortSignal; midStream?: boolean; now?: () => Date } = {},
): ProviderError {
  if (err instanceof ProviderError) return err;
  if (opts.signal?.aborted) return new ProviderError(cancelled(), { cause: err });
  const e = (err ?? {}) as SdkApiError;
  // Both SDKs name their classes alike; `name` is not always set, the constructor's name is.
  const names = [e.name ?? '', (err as object | null)?.constructor?.name ?? ''];
  const is = (n: string) => names.includes(n);
  if (is('APIUserAbortError') || is('AbortError')) return new ProviderError(cancelled(), { cause: err });
  if (is('APIConnectionTimeoutError') || (is('APIConnectionError') && /timed out/i.test(e.message)))
    return new ProviderError(
      {
        class: 'timeout',
        action: 'retry',
        httpStatus: null,
        providerCode: null,
        message: e.message,
        retryAfterMs: null,
      },
      { cause: err },
    );
  if (is('APIConnectionError'))
    return new ProviderError(
      {
        class: 'network',
        action: 'retry',
        httpStatus: null,
        providerCode: null,
        message: e.message,
        retryAfterMs: null,
      },
      { cause: err },
    );
  if (typeof e.status === 'number' || e.error !== undefined) {
    return new ProviderError(
      classifyProviderError({
        httpStatus: e.status ?? null,
        body: e.error,
        headers: e.headers,
        midStream: opts.midStream || e.status === undefined,
        message: e.message,
        now: opts.now?.(),
      }),
      { cause: err, rateLimits: readRateLimits(e.headers, opts.now?.()) },
    );
  }
  // A socket reset or malformed chunk while reading the body.
  const message = e.message || String(err);
  const cls = opts.midStream ? 'stream_interrupted' : 'network';
  return new ProviderError(
    { class: cls, action: 'retry', httpStatus: null, providerCode: null, message, retryAfterMs: null },
    { cause: err },
  );
}
