import { PHASES, type Phase } from '../phases';
import type { PhaseRouting, RouteTarget, RoutingDecision } from './schemas';

export interface ValidationIssue {
  phase: Phase;
  severity: 'error' | 'warning';
  code:
    | 'missing_credential'
    | 'missing_base_url'
    | 'invalid_base_url'
    | 'fallback_unusable'
    | 'routing_warning';
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
}

function whereToAdd(target: RouteTarget): string {
  const [first, ...rest] = target.credentialEnvNames;
  const env = first
    ? `, or set ${first}${rest.length ? ` (also read: ${rest.join(', ')})` : ''} on the worker`
    : '';
  return `Add one in Settings → Integrations → ${target.providerLabel}${env}.`;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Credential and base URL problems of one target, worded for `subject` ("routes to" / "falls back to"). */
function targetProblems(target: RouteTarget, subject: string): Omit<ValidationIssue, 'phase' | 'severity'>[] {
  const who = `${subject} ${target.providerLabel} (${target.model})`;
  const problems: Omit<ValidationIssue, 'phase' | 'severity'>[] = [];
  if (target.credential.kind === 'missing')
    problems.push({
      code: 'missing_credential',
      message: `${who} but no ${target.providerLabel} API key was found. ${whereToAdd(target)}`,
    });
  if (!target.baseUrl)
    problems.push({
      code: 'missing_base_url',
      message: `${who} but no base URL is set. Set one on the ${target.providerLabel} credential in Settings → Integrations → ${target.providerLabel}.`,
    });
  else if (!isHttpUrl(target.baseUrl))
    problems.push({
      code: 'invalid_base_url',
      message: `${who} but its base URL "${target.baseUrl}" is not a valid http(s) URL. Fix it in Settings → Integrations → ${target.providerLabel}.`,
    });
  return problems;
}

function validatePhase(routing: PhaseRouting): ValidationIssue[] {
  const phase = routing.phase;
  const issues: ValidationIssue[] = targetProblems(routing, `Phase "${phase}" routes to`).map((p) => ({
    ...p,
    phase,
    severity: 'error',
  }));
  // A fallback without a credential cannot serve, but the phase itself can still run: warn.
  routing.fallbacks.forEach((fb) => {
    for (const p of targetProblems(fb, `Phase "${phase}" falls back to`))
      issues.push({ phase, severity: 'warning', code: 'fallback_unusable', message: p.message });
  });
  for (const w of routing.warnings)
    issues.push({ phase, severity: 'warning', code: 'routing_warning', message: `Phase "${phase}": ${w}.` });
  return issues;
}

/**
 * Pre-flight check of a routing decision (§4.6): every provider the task may use has a credential
 * and a well-formed base URL; unknown models are accepted with a warning. Only providers that some
 * phase uses are checked, so a GLM-only task never asks for Anthropic credentials.
 */
export function validateRouting(
  decision: RoutingDecision,
  phases: readonly Phase[] = PHASES,
): ValidationResult {
  const issues = phases.flatMap((p) => validatePhase(decision.phases[p]));
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}
