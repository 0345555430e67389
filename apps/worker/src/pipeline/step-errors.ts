import type { ErrorClass } from '@switchyard/db';
import {
  formatResetTime,
  type PhaseRouting,
  POOL_RESTING_CODE,
  type ProviderErrorInfo,
} from '@switchyard/providers';

/**
 * A step cannot go on and the task must stop with a reason a user can act on
 * (missing key, quota, budget, a bad project setting). Not retried.
 */
export class TaskBlockedError extends Error {
  constructor(
    message: string,
    readonly errorClass: ErrorClass | null = null,
  ) {
    super(message);
    this.name = 'TaskBlockedError';
  }
}

/** The provider failed after the agent loop's own retries and fallbacks. */
export class ProviderFailureError extends Error {
  constructor(
    readonly info: ProviderErrorInfo,
    /** The decision with this run's attempts and hops, for the record. */
    readonly routing?: PhaseRouting,
  ) {
    super(info.message);
    this.name = 'ProviderFailureError';
  }

  /** Auth, quota and bad requests will fail again on retry: block the task with the message. */
  get retryable(): boolean {
    // Every key of a pool rests beyond the profile's wait: a retry now would meet the same rests.
    if (this.info.providerCode === POOL_RESTING_CODE) return false;
    return !['auth', 'quota_exhausted', 'invalid_request', 'context_overflow', 'cancelled'].includes(
      this.info.class,
    );
  }
}

/** The agent finished its work badly (no valid plan, gave up, ran out of turns): retry the run. */
export class StepFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailedError';
  }
}

export class BudgetExceededError extends TaskBlockedError {
  constructor(limitUsd: number, spentUsd: number) {
    super(
      `The task's budget of $${formatUsd(limitUsd)} is reached ($${formatUsd(spentUsd)} spent). Raise the budget and retry the phase, or rerun it on a cheaper model.`,
    );
    this.name = 'BudgetExceededError';
  }
}

/** Dollars as people write them: cents from $1 up, three significant digits below. */
function formatUsd(amount: number): string {
  return amount >= 1 ? amount.toFixed(2) : String(Number(amount.toPrecision(3)));
}

/** The message a user sees for a provider failure, with what to do about it. */
export function describeProviderFailure(info: ProviderErrorInfo, provider: string, model: string): string {
  const where = `${provider} (${model})`;
  // Every key of a pool rests: the message already says until when, and what to do.
  if (info.providerCode === POOL_RESTING_CODE)
    return info.resetAt
      ? `${info.message} (Settings → Integrations, or a fallback model in the profile), or retry the phase after ${formatResetTime(new Date(info.resetAt), new Date())}.`
      : `${info.message}, then retry the phase.`;
  switch (info.class) {
    case 'quota_exhausted':
      return `${where} has no quota or balance left (${info.providerCode ?? info.httpStatus ?? 'quota'}: ${info.message}). Top up the account or add a fallback model to the profile, then retry the phase.`;
    case 'auth':
      return `${info.message.replace(/\.+$/, '')}. Fix the key in Settings → Integrations, then retry the phase.`;
    case 'context_overflow':
      return `${where} could not fit the conversation in its context window (${info.message}). Route this phase to a model with a larger window, or add one as a fallback.`;
    case 'invalid_request':
      return `${where} rejected the request: ${info.message}`;
    default:
      return `${where} kept failing (${info.class}: ${info.message}) after retries and fallbacks. Retry the phase later, or add a fallback model on another provider to the profile.`;
  }
}
