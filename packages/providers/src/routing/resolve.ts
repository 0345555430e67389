import { DEFAULT_PHASE_MODEL, mapModelForProvider } from '../catalog/aliases';
import { catalogFor, findModel, providerOfModel } from '../catalog/index';
import type { ThinkingLevel } from '../catalog/thinking';
import type { TeamCredential, WorkerEnv } from '../credentials/resolve';
import { PHASES, type Phase } from '../phases';
import { type CustomProviderDef, createProviderRegistry, type ProviderRegistry } from '../registry/registry';
import { pickFirst } from './precedence';
import type {
  PhaseRouting,
  ProfileRouting,
  RouteTarget,
  RoutingDecision,
  TaskRoutingSettings,
  TraceStep,
} from './schemas';
import { DEFAULT_KEY_POLICY } from './schemas';
import { resolveTarget } from './target';

export interface RoutingInput {
  task?: TaskRoutingSettings | null;
  profile?: ProfileRouting | null;
  teamDefaultProvider?: string | null;
  teamCredentials?: readonly TeamCredential[];
  /** The worker's environment, passed in (never read from process.env here). */
  env?: WorkerEnv;
  /** Custom providers beyond those implied by team credentials. */
  customProviders?: readonly CustomProviderDef[];
}

/** The thinking level of a phase when neither task nor profile sets one. */
export const DEFAULT_PHASE_THINKING: Record<Phase, ThinkingLevel> = {
  spec: 'medium',
  planning: 'high',
  coding: 'medium',
  qa: 'low',
};

/** The registry for a routing input: built-ins plus custom providers named by team credentials. */
export function registryFor(input: RoutingInput): ProviderRegistry {
  const builtins = createProviderRegistry();
  const fromCredentials: CustomProviderDef[] = (input.teamCredentials ?? [])
    .filter((c) => !builtins.find(c.provider))
    .map((c) => ({ id: c.provider, label: c.label, protocol: c.protocol, baseUrl: c.baseUrl }));
  return createProviderRegistry([...(input.customProviders ?? []), ...fromCredentials]);
}

function chooseModel(
  phase: Phase,
  providerId: string,
  input: RoutingInput,
  trace: TraceStep[],
  env: WorkerEnv,
  registry: ProviderRegistry,
): string {
  const profilePhase = input.profile?.phases[phase];
  const picked = pickFirst(
    'model',
    [
      { step: `task.phaseModels.${phase}`, value: input.task?.phaseModels?.[phase] },
      { step: `profile.phases.${phase}.model`, value: profilePhase?.model },
      { step: `default model for ${phase}`, value: DEFAULT_PHASE_MODEL[phase] },
    ],
    trace,
  );
  let requested = picked?.value ?? DEFAULT_PHASE_MODEL[phase];
  // A profile written for another provider (e.g. gpt-5 when the task overrides to zai) gets the
  // chosen provider's default rather than a model that provider has never heard of.
  const profileProvider = profilePhase ? registry.find(profilePhase.provider)?.id : undefined;
  const owner = providerOfModel(requested);
  if (
    picked?.step.startsWith('profile.') &&
    profileProvider !== providerId &&
    owner &&
    owner !== providerId &&
    catalogFor(providerId).length > 0 &&
    !findModel(providerId, requested) &&
    mapModelForProvider(providerId, requested, env).model === requested
  ) {
    const fallback = DEFAULT_PHASE_MODEL[phase];
    trace.push({
      field: 'model',
      step: 'provider mismatch',
      value: fallback,
      outcome: 'mapped',
      reason: `${requested} is a ${owner} model and the phase routes to ${providerId}: using its ${fallback} tier`,
    });
    requested = fallback;
  }
  const mapped = mapModelForProvider(providerId, requested, env);
  if (mapped.reason)
    trace.push({
      field: 'model',
      step: 'alias mapping',
      value: mapped.model,
      outcome: 'mapped',
      reason: mapped.reason,
    });
  return mapped.model;
}

/** Resolve one phase. Throws UnknownProviderError for an unknown provider id (never a silent fallback). */
export function resolveRoutingForPhase(phase: Phase, input: RoutingInput): PhaseRouting {
  const registry = registryFor(input);
  const env = input.env ?? {};
  const teamCredentials = input.teamCredentials ?? [];
  const trace: TraceStep[] = [];
  const warnings: string[] = [];
  const profilePhase = input.profile?.phases[phase];

  const providerPick = pickFirst(
    'provider',
    [
      { step: 'task.overrideProvider', value: input.task?.overrideProvider },
      { step: `task.phaseProviders.${phase}`, value: input.task?.phaseProviders?.[phase] },
      { step: 'task.provider', value: input.task?.provider },
      { step: `profile.phases.${phase}.provider`, value: profilePhase?.provider },
      { step: 'profile.defaultProvider', value: input.profile?.defaultProvider },
      { step: 'team.defaultProvider', value: input.teamDefaultProvider },
      { step: 'built-in default', value: 'anthropic' },
    ],
    trace,
  );
  const provider = registry.resolve(providerPick?.value ?? 'anthropic');
  const model = chooseModel(phase, provider.id, input, trace, env, registry);
  const thinking =
    pickFirst(
      'thinking',
      [
        { step: `task.phaseThinking.${phase}`, value: input.task?.phaseThinking?.[phase] },
        { step: `profile.phases.${phase}.thinking`, value: profilePhase?.thinking },
        { step: `default thinking for ${phase}`, value: DEFAULT_PHASE_THINKING[phase] },
      ],
      trace,
    )?.value ?? DEFAULT_PHASE_THINKING[phase];

  const primary = resolveTarget(
    {
      provider,
      model,
      thinking,
      profileCredentialId: profilePhase?.credentialId,
      teamCredentials,
      env,
      label: '',
    },
    trace,
    warnings,
  );

  const fallbacks: RouteTarget[] = (profilePhase?.fallbacks ?? []).map((fb, i) => {
    const fbProvider = registry.resolve(fb.provider);
    const label = `fallback ${i + 1}: `;
    const mapped = mapModelForProvider(fbProvider.id, fb.model, env);
    if (mapped.reason)
      trace.push({
        field: 'model',
        step: `${label}alias mapping`,
        value: mapped.model,
        outcome: 'mapped',
        reason: mapped.reason,
      });
    return resolveTarget(
      { provider: fbProvider, model: mapped.model, thinking, teamCredentials, env, label },
      trace,
      warnings,
    );
  });

  const keyPolicy = input.profile?.keyPolicy ?? DEFAULT_KEY_POLICY;
  return { ...primary, phase, fallbacks, warnings, trace, attempts: [], hops: [], keyPolicy, keys: [] };
}

/**
 * Resolve every phase (§4.4, §4.5). Pure: the same input always gives the same decision, and no
 * secret is read or returned.
 */
export function resolvePhaseRouting(input: RoutingInput): RoutingDecision {
  const phases = Object.fromEntries(PHASES.map((p) => [p, resolveRoutingForPhase(p, input)])) as Record<
    Phase,
    PhaseRouting
  >;
  const used = new Set<string>();
  for (const p of PHASES) {
    used.add(phases[p].provider);
    for (const fb of phases[p].fallbacks) used.add(fb.provider);
  }
  return { phases, providersUsed: [...used] };
}
