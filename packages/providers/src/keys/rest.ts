import type { ProviderErrorInfo } from '../errors/classes';
import { formatResetTime } from './reset-time';

/** Why a credential rests: its provider's rate limit, a used-up usage window, or no money left. */
export const REST_KINDS = ['rate_limited', 'quota_exhausted', 'no_balance'] as const;
export type RestKind = (typeof REST_KINDS)[number];

/** A rest to record on a credential (shared by every worker through the database). */
export interface KeyRest {
  kind: RestKind;
  /** Null: until the credential is edited (no balance or credit: time will not help). */
  until: Date | null;
  /** The provider's words with its code, e.g. "1308: Usage limit reached for 5 hour…". */
  reason: string;
  /** Where `until` came from: "retry-after", "rate-limit headers", "the message", "default". */
  untilFrom: string;
}

// Codes and words that mean the account has no money or plan left, not a window that refills.
const NO_BALANCE_CODES = new Set(['1113', '1309', 'insufficient_quota', 'billing_error']);
const NO_BALANCE_WORDS =
  /credit balance is too low|insufficient (?:balance|credits?)|no resource package|requires more credits|package has expired|check your plan and billing/i;

/** Whether an error says a key has hit a limit, and which kind (null: not a limit of the key). */
export function restKindOf(info: ProviderErrorInfo): RestKind | null {
  if (info.class === 'rate_limited') return 'rate_limited';
  if (info.class !== 'quota_exhausted') return null;
  if (info.httpStatus === 402) return 'no_balance';
  if (info.providerCode && NO_BALANCE_CODES.has(info.providerCode)) return 'no_balance';
  return NO_BALANCE_WORDS.test(info.message) ? 'no_balance' : 'quota_exhausted';
}

const MAX_REASON = 300;

/**
 * The rest a limit error calls for: until the provider's own reset time (`resetAt`, read from its
 * headers or message when the error was classified), `defaultMs` only when it gave none, and until
 * the credential is edited for no balance. Null when the error is not a limit of the key.
 */
export function restForError(info: ProviderErrorInfo, now: Date, defaultMs: number): KeyRest | null {
  const kind = restKindOf(info);
  if (!kind) return null;
  const code = info.providerCode ?? (info.httpStatus !== null ? String(info.httpStatus) : null);
  const words = code ? `${code}: ${info.message}` : info.message;
  const reason = words.length > MAX_REASON ? `${words.slice(0, MAX_REASON - 1)}…` : words;
  if (kind === 'no_balance') return { kind, until: null, reason, untilFrom: 'until edited' };
  const stated = info.resetAt ? new Date(info.resetAt) : null;
  if (stated && stated > now)
    return { kind, until: stated, reason, untilFrom: info.resetFrom ?? 'the provider' };
  return { kind, until: new Date(now.getTime() + defaultMs), reason, untilFrom: 'default' };
}

/** "1308 usage limit", "rate limit", "no balance": the short why of a block message. */
export function restLabel(kind: RestKind, reason: string | null): string {
  // Only a provider's business code (Z.AI 1308) helps a reader; HTTP statuses and enum names do not.
  const code = reason ? /^(\d{4,5}):/.exec(reason)?.[1] : undefined;
  const what = kind === 'rate_limited' ? 'rate limit' : kind === 'no_balance' ? 'no balance' : 'usage limit';
  return code ? `${code} ${what}` : what;
}

/** "until 14:05 UTC" or "until the credential is edited". */
export function describeUntil(until: Date | null, now: Date): string {
  return until ? `until ${formatResetTime(until, now)}` : 'until the credential is edited';
}
