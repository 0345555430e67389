import { findModel } from '../catalog';
import { type ThinkingLevel, thinkingFor } from '../catalog/thinking';
import {
  describeCredentialSource,
  resolveBaseUrl,
  resolveCredential,
  type TeamCredential,
  type WorkerEnv,
} from '../credentials/resolve';
import type { ProviderInfo } from '../registry/providers';
import type { RouteTarget, TraceStep } from './schemas';

export interface TargetInput {
  provider: ProviderInfo;
  model: string;
  thinking: ThinkingLevel;
  profileCredentialId?: string | null;
  teamCredentials: readonly TeamCredential[];
  env: WorkerEnv;
  /** Prefix for trace steps and warnings ("" for the primary, "fallback 1: " for fallbacks). */
  label: string;
}

/** Credential, protocol, base URL, catalog entry and thinking for one provider + model. */
export function resolveTarget(input: TargetInput, trace: TraceStep[], warnings: string[]): RouteTarget {
  const { provider, model, thinking, label } = input;
  const cred = resolveCredential({
    provider,
    profileCredentialId: input.profileCredentialId,
    teamCredentials: input.teamCredentials,
    env: input.env,
  });
  for (const note of cred.notes) warnings.push(`${label}${note}`);
  trace.push({
    field: 'credential',
    step: `${label}credential`,
    value: describeCredentialSource(cred.source),
    outcome: cred.source.kind === 'missing' ? 'unset' : 'chosen',
    reason:
      cred.source.kind === 'missing'
        ? `no profile credential, team default or env (${cred.envNames.join(', ')})`
        : 'profile credential → team default → worker env',
  });

  // A credential may point a provider at another protocol (Z.AI's Anthropic-compatible endpoint).
  const protocol = cred.credential?.protocol ?? provider.protocol;
  if (protocol !== provider.protocol)
    trace.push({
      field: 'protocol',
      step: `${label}credential protocol`,
      value: protocol,
      outcome: 'chosen',
      reason: `credential "${cred.credential?.label}" speaks ${protocol}`,
    });

  const base = resolveBaseUrl(provider, cred.credential, input.env);
  trace.push({
    field: 'baseUrl',
    step: `${label}base URL`,
    value: base.baseUrl,
    outcome: 'chosen',
    reason: base.from,
  });

  const info = findModel(provider.id, model);
  if (!info)
    warnings.push(`${label}model "${model}" is not in the catalog of ${provider.label}: no price, no limits`);
  else if (!info.supportsTools)
    warnings.push(`${label}${model} does not support tool calling: tools are left out`);

  const setting = thinkingFor(thinking, provider.thinkingControl, info);
  for (const note of setting.notes) warnings.push(`${label}${note}`);

  return {
    provider: provider.id,
    providerLabel: provider.label,
    protocol,
    model,
    modelInCatalog: info !== undefined,
    baseUrl: base.baseUrl,
    credential: cred.source,
    authScheme: cred.authScheme,
    credentialEnvNames: [...cred.envNames],
    thinking: setting,
    ...(cred.pool.length > 0
      ? {
          pool: cred.pool.map((c) => ({
            credentialId: c.id,
            label: c.label,
            protocol: c.protocol,
            baseUrl: resolveBaseUrl(provider, c, input.env).baseUrl,
            position: c.position ?? 0,
            weight: Math.max(1, c.weight ?? 1),
            isDefault: c.isDefault,
          })),
        }
      : {}),
  };
}
