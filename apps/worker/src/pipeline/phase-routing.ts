import type { Phase } from '@switchyard/db';
import {
  type CustomProviderDef,
  type PhaseRouting,
  PhaseRoutingSchema,
  type RoutingInput,
  resolveRoutingForPhase,
  validateRouting,
  type WorkerEnv,
} from '@switchyard/providers';

export interface RoutingEnvironment {
  env: WorkerEnv;
  customProviders: readonly CustomProviderDef[];
}

/** The routing decision for one phase of a task, as stored on each PhaseRun (§4.5). */
export function resolveRunRouting(
  phase: Phase,
  input: RoutingInput,
  environment: RoutingEnvironment,
): PhaseRouting {
  return resolveRoutingForPhase(phase, {
    ...input,
    env: environment.env,
    customProviders: environment.customProviders,
  });
}

/** The run's stored decision, or a fresh one when the run was queued without (re-resolved at start). */
export function routingOfRun(
  stored: unknown,
  phase: Phase,
  input: RoutingInput,
  environment: RoutingEnvironment,
): PhaseRouting {
  const parsed = PhaseRoutingSchema.safeParse(stored);
  return parsed.success ? parsed.data : resolveRunRouting(phase, input, environment);
}

/**
 * Re-validation when a phase starts (§4.6): credentials may have been deleted since the task was
 * queued. Returns the actionable messages of the errors, empty when the phase can run.
 */
export function startProblems(routing: PhaseRouting): string[] {
  const decision = {
    phases: { [routing.phase]: routing } as Record<Phase, PhaseRouting>,
    providersUsed: [routing.provider],
  };
  return validateRouting(decision, [routing.phase])
    .issues.filter((issue) => issue.severity === 'error')
    .map((issue) => issue.message);
}
