import type { PrismaClient } from '@switchyard/db';
import {
  type CredentialSource,
  describeCredentialSource,
  PHASES,
  type PhaseRouting,
  type TaskRoutingSettings,
  type ValidationIssue,
} from '@switchyard/providers';
import { type LoadedRoutingInput, loadRoutingInput, type RoutingScope } from './load-routing-input';
import { resolveTaskRouting } from './resolve-task-routing';

export interface PhasePreview {
  phase: PhaseRouting['phase'];
  provider: string;
  providerLabel: string;
  model: string;
  modelInCatalog: boolean;
  protocol: PhaseRouting['protocol'];
  baseUrl: string | null;
  credential: CredentialSource;
  /**
   * e.g. `team default credential "Z.AI key" (…1234)`, `worker env ZAI_API_KEY`, `missing`; with
   * several team keys for the provider, the pool in order follows: `; pool of 2: "Z.AI key", "spare"`.
   */
  credentialDescription: string;
  thinking: PhaseRouting['thinking'];
  fallbacks: { provider: string; model: string; credentialDescription: string }[];
  /** Why this provider won: the precedence step that set it. */
  reason: string;
  trace: PhaseRouting['trace'];
  warnings: string[];
  issues: ValidationIssue[];
}

export interface RoutingPreview {
  ok: boolean;
  phases: PhasePreview[];
  providersUsed: string[];
  /** The actionable messages of every error, as tasks.create would refuse with them. */
  errors: string[];
  issues: ValidationIssue[];
}

/** Resolves and validates a draft task's routing without creating anything (§4.5, §4.6). */
export async function previewRouting(
  prisma: PrismaClient,
  scope: RoutingScope,
  draft: { routing: TaskRoutingSettings; profileId?: string | null },
): Promise<RoutingPreview> {
  const loaded = await loadRoutingInput(prisma, scope, draft.routing, draft.profileId);
  const { decision, validation } = resolveTaskRouting(loaded.input);
  const phases = PHASES.map((phase): PhasePreview => {
    const routing = decision.phases[phase];
    const chosen = routing.trace.find((step) => step.field === 'provider' && step.outcome === 'chosen');
    return {
      phase,
      provider: routing.provider,
      providerLabel: routing.providerLabel,
      model: routing.model,
      modelInCatalog: routing.modelInCatalog,
      protocol: routing.protocol,
      baseUrl: routing.baseUrl,
      credential: routing.credential,
      credentialDescription: describeSource(routing.credential, loaded, routing.pool),
      thinking: routing.thinking,
      fallbacks: routing.fallbacks.map((fb) => ({
        provider: fb.provider,
        model: fb.model,
        credentialDescription: describeSource(fb.credential, loaded, fb.pool),
      })),
      reason: chosen
        ? `${routing.provider} is set by ${chosen.step}; earlier steps were not set`
        : `${routing.provider} is the built-in default`,
      trace: routing.trace,
      warnings: routing.warnings,
      issues: validation.issues.filter((issue) => issue.phase === phase),
    };
  });
  return {
    ok: validation.ok,
    phases,
    providersUsed: decision.providersUsed,
    errors: validation.issues.filter((i) => i.severity === 'error').map((i) => i.message),
    issues: validation.issues,
  };
}

function describeSource(
  source: CredentialSource,
  loaded: LoadedRoutingInput,
  pool: PhaseRouting['pool'],
): string {
  if (source.kind !== 'profile' && source.kind !== 'team_default') return describeCredentialSource(source);
  const credential = loaded.credentials.find((c) => c.id === source.credentialId);
  const which =
    source.kind === 'profile'
      ? 'profile credential'
      : credential?.isDefault
        ? 'team default credential'
        : 'team credential';
  const first = credential
    ? `${which} "${credential.label}" (…${credential.last4})`
    : describeCredentialSource(source);
  // Workers use the keys in this order, skipping one that rests after a provider limit.
  return pool && pool.length > 1
    ? `${first}; pool of ${pool.length}: ${pool.map((m) => `"${m.label}"`).join(', ')}`
    : first;
}
