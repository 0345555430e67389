import { exhaustedUntil, readRateLimits } from '../keys/rate-limits';
import { parseResetInMessage } from '../keys/reset-time';
import { DEFAULT_ACTION, type ErrorAction, type ErrorClass, type ProviderErrorInfo } from './classes';
import { type HeaderBag, parseRetryAfterMs } from './retry-after';

export interface ErrorInput {
  httpStatus?: number | null;
  /** The parsed error body: `{error: {...}}`, the inner error object, or a string. */
  body?: unknown;
  headers?: HeaderBag;
  /** The error arrived inside a stream that had started (HTTP 200). */
  midStream?: boolean;
  message?: string;
  /** The clock for reset times given as durations (tests inject one). */
  now?: Date;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;

/** The inner error object whatever the envelope: Anthropic `{type, error}`, OpenAI `{error}`, or bare. */
function innerError(body: unknown): Rec {
  if (!isRec(body)) return {};
  return isRec(body.error) ? body.error : body;
}

// Z.AI business codes (zai_error_codes_reference.json). Codes arrive as strings.
const ZAI_CODES: Record<string, ErrorClass> = {
  '500': 'server',
  '1113': 'quota_exhausted',
  '1304': 'quota_exhausted',
  '1308': 'quota_exhausted',
  '1309': 'quota_exhausted',
  '1310': 'quota_exhausted',
  '1302': 'rate_limited',
  '1303': 'rate_limited',
  '1305': 'rate_limited',
  '1261': 'context_overflow',
  '1234': 'network',
  '1120': 'server',
  '1230': 'server',
};

const NAMED_CODES: Record<string, ErrorClass> = {
  insufficient_quota: 'quota_exhausted',
  billing_error: 'quota_exhausted',
  rate_limit_exceeded: 'rate_limited',
  rate_limit_error: 'rate_limited',
  overloaded_error: 'overloaded',
  api_error: 'server',
  server_error: 'server',
  context_length_exceeded: 'context_overflow',
  request_too_large: 'context_overflow',
  invalid_api_key: 'auth',
  authentication_error: 'auth',
  permission_error: 'auth',
  invalid_request_error: 'invalid_request',
  not_found_error: 'invalid_request',
  resource_not_found_error: 'invalid_request',
};

function classFromCode(code: string): ErrorClass | undefined {
  if (NAMED_CODES[code]) return NAMED_CODES[code];
  if (ZAI_CODES[code]) return ZAI_CODES[code];
  const n = Number(code);
  if (n >= 1000 && n <= 1004) return 'auth';
  if (n >= 1110 && n <= 1121) return 'auth';
  if (n >= 1200 && n <= 1301) return 'invalid_request';
  return undefined;
}

function classFromStatus(status: number): ErrorClass {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota_exhausted';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_overflow';
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

const CONTEXT_MESSAGE = /prompt is too long|context length|context window|maximum context|too many tokens/i;
// Anthropic answers 400 invalid_request_error for an empty credit balance; OpenRouter and DeepSeek 402.
const BALANCE_MESSAGE = /credit balance is too low|insufficient (?:balance|credits?)|requires more credits/i;
// Usage windows whose reset time the provider states: worth waiting for (or resting the key until).
const WINDOW_CODES = new Set(['1308', '1310']);

/**
 * Classify a provider error by its business code first, HTTP status second (§5): a 429 is a rate
 * limit or an exhausted quota depending on `code`, and Z.AI's 1261 is a context overflow.
 */
export function classifyProviderError(input: ErrorInput): ProviderErrorInfo {
  const inner = innerError(input.body);
  const status = input.httpStatus ?? null;
  const code = str(inner.code);
  const type = str(inner.type);
  const metadata = isRec(inner.metadata) ? inner.metadata : {};
  const baseMessage =
    str(inner.message) ??
    (typeof input.body === 'string' ? input.body : undefined) ??
    input.message ??
    'error';
  // OpenRouter hides the real cause in metadata.raw.
  const raw = str(metadata.raw);
  const message = raw && raw !== baseMessage ? `${baseMessage}: ${raw}` : baseMessage;

  let cls: ErrorClass | undefined;
  // Numeric codes equal to the HTTP status (OpenRouter) carry no extra meaning.
  if (code && code !== String(status)) cls = classFromCode(code);
  if (!cls && type) cls = classFromCode(type);
  if (cls === 'invalid_request' || (!cls && (status === 400 || type === 'invalid_request_error'))) {
    if (CONTEXT_MESSAGE.test(message)) cls = 'context_overflow';
  }
  if ((cls === 'invalid_request' || !cls) && BALANCE_MESSAGE.test(message)) cls = 'quota_exhausted';
  if (!cls && status) cls = classFromStatus(status);
  // After HTTP 200 the request was accepted: whatever broke the stream, the turn can be retried.
  if (input.midStream && cls !== 'auth' && cls !== 'quota_exhausted' && cls !== 'context_overflow')
    cls = 'stream_interrupted';
  cls ??= input.midStream ? 'stream_interrupted' : 'server';

  const now = input.now ?? new Date();
  let retryAfterMs = parseRetryAfterMs(input.headers, message, now.getTime());
  // The reset the provider states, most explicit first (docs/decisions/0013).
  // OpenRouter repeats its X-RateLimit-* headers inside error.metadata.headers.
  const bodyHeaders = isRec(metadata.headers) ? (metadata.headers as Record<string, string>) : null;
  const fromHeaders =
    exhaustedUntil(readRateLimits(input.headers, now), now) ??
    exhaustedUntil(readRateLimits(bodyHeaders, now), now);
  const fromMessage = parseResetInMessage(message);
  let resetAt: Date | null = null;
  let resetFrom: string | null = null;
  if (retryAfterMs !== null) {
    resetAt = new Date(now.getTime() + retryAfterMs);
    resetFrom = 'retry-after';
  } else if (fromHeaders) {
    resetAt = fromHeaders;
    resetFrom = 'rate-limit headers';
  } else if (fromMessage) {
    resetAt = fromMessage;
    resetFrom = 'the message';
    retryAfterMs = Math.max(0, fromMessage.getTime() - now.getTime());
  }
  let action: ErrorAction = DEFAULT_ACTION[cls];
  // A usage window with a known reset (Z.AI 1308, 1310) is worth waiting for rather than falling back.
  if (cls === 'quota_exhausted' && code && WINDOW_CODES.has(code)) action = 'wait_until_reset';

  return {
    class: cls,
    action,
    httpStatus: status,
    providerCode: code ?? type ?? null,
    message,
    retryAfterMs,
    ...(resetAt ? { resetAt: resetAt.toISOString(), resetFrom } : {}),
  };
}
