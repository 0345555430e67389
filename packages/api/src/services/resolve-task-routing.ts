import {
  type RoutingDecision,
  type RoutingInput,
  resolvePhaseRouting,
  UnknownProviderError,
  type ValidationResult,
  validateRouting,
} from '@switchyard/providers';
import { badRequest } from '../errors';
import { RoutingValidationError } from '../trpc';

/** Resolves every phase; an unknown provider id is a BAD_REQUEST listing the known ones. */
export function resolveTaskRouting(input: RoutingInput): {
  decision: RoutingDecision;
  validation: ValidationResult;
} {
  let decision: RoutingDecision;
  try {
    decision = resolvePhaseRouting(input);
  } catch (error) {
    if (error instanceof UnknownProviderError) throw badRequest(error.message, error);
    throw error;
  }
  return { decision, validation: validateRouting(decision) };
}

/** BAD_REQUEST joining the exact actionable messages of every error (§4.6); warnings pass. */
export function assertRoutingValid(validation: ValidationResult): void {
  if (validation.ok) return;
  const errors = validation.issues.filter((issue) => issue.severity === 'error');
  const message = errors.map((issue) => issue.message).join('\n');
  throw badRequest(message, new RoutingValidationError(message, validation.issues));
}
