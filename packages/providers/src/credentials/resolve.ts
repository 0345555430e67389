import type { Protocol } from '../registry/ids';
import type { ProviderInfo } from '../registry/providers';
import { providerKey } from '../registry/registry';

/** What the API and worker know about a team credential: never the secret. */
export interface TeamCredential {
  id: string;
  provider: string;
  label: string;
  protocol: Protocol;
  baseUrl: string | null;
  isDefault: boolean;
}

export type WorkerEnv = Record<string, string | undefined>;

/** Where a phase's credential comes from (stored in the routing decision; never a secret value). */
export type CredentialSource =
  | { kind: 'profile'; credentialId: string; label?: string }
  | { kind: 'team_default'; credentialId: string; label?: string }
  | { kind: 'env'; envName: string }
  | { kind: 'none_needed' }
  | { kind: 'missing' };

export type AuthScheme = 'api_key' | 'bearer';

export interface CredentialResolution {
  source: CredentialSource;
  authScheme: AuthScheme;
  /** The credential row used, when the source is a team credential. */
  credential?: TeamCredential;
  /** Every env name read for the key, in order (for messages such as "also read: …"). */
  envNames: readonly string[];
  notes: string[];
}

export interface CredentialInput {
  provider: ProviderInfo;
  /** The profile phase's `credentialId`, if any. */
  profileCredentialId?: string | null;
  teamCredentials: readonly TeamCredential[];
  env: WorkerEnv;
}

function forProvider(credentials: readonly TeamCredential[], provider: ProviderInfo): TeamCredential[] {
  const keys = new Set([provider.id, ...provider.aliases].map(providerKey));
  return credentials.filter((c) => keys.has(providerKey(c.provider)));
}

/**
 * The credential to use (§4.2): the profile phase's credential → the team's default credential for
 * the provider → the worker's environment (first name found wins). Pure: `env` is passed in.
 */
export function resolveCredential(input: CredentialInput): CredentialResolution {
  const { provider, profileCredentialId, teamCredentials, env } = input;
  const notes: string[] = [];
  const envNames = provider.keyEnvNames;
  const mine = forProvider(teamCredentials, provider);

  if (profileCredentialId) {
    const chosen = teamCredentials.find((c) => c.id === profileCredentialId);
    if (!chosen) notes.push(`profile credential ${profileCredentialId} no longer exists; ignored`);
    else if (!mine.includes(chosen))
      notes.push(
        `profile credential "${chosen.label}" is for ${chosen.provider}, not ${provider.id}; ignored`,
      );
    else
      return {
        source: { kind: 'profile', credentialId: chosen.id, label: chosen.label },
        authScheme: 'api_key',
        credential: chosen,
        envNames,
        notes,
      };
  }

  // The flagged default; a team with a single credential for the provider clearly means that one.
  const teamDefault = mine.find((c) => c.isDefault) ?? (mine.length === 1 ? mine[0] : undefined);
  if (teamDefault)
    return {
      source: { kind: 'team_default', credentialId: teamDefault.id, label: teamDefault.label },
      authScheme: 'api_key',
      credential: teamDefault,
      envNames,
      notes,
    };

  for (const name of envNames) {
    if (env[name]?.trim()) {
      const authScheme: AuthScheme = provider.bearerEnvNames.includes(name) ? 'bearer' : 'api_key';
      return { source: { kind: 'env', envName: name }, authScheme, envNames, notes };
    }
  }
  if (!provider.needsCredential)
    return { source: { kind: 'none_needed' }, authScheme: 'api_key', envNames, notes };
  return { source: { kind: 'missing' }, authScheme: 'api_key', envNames, notes };
}

export interface BaseUrlResolution {
  baseUrl: string | null;
  from: string;
}

/** Base URL: the chosen credential's → the worker env (provider's URL names) → the provider default. */
export function resolveBaseUrl(
  provider: ProviderInfo,
  credential: TeamCredential | undefined,
  env: WorkerEnv,
): BaseUrlResolution {
  if (credential?.baseUrl?.trim())
    return { baseUrl: credential.baseUrl.trim(), from: `credential "${credential.label}"` };
  for (const name of provider.baseUrlEnvNames) {
    const value = env[name]?.trim();
    if (value) return { baseUrl: value, from: `env ${name}` };
  }
  return { baseUrl: provider.defaultBaseUrl, from: 'provider default' };
}

/** Describe a credential source for traces and the dashboard. */
export function describeCredentialSource(source: CredentialSource, label?: string): string {
  // A label reads better than an id wherever the caller knows it (never the secret).
  const known = label ?? ('label' in source ? source.label : undefined);
  const which = 'credentialId' in source ? (known ? `"${known}"` : source.credentialId) : '';
  switch (source.kind) {
    case 'profile':
      return `profile credential ${which}`;
    case 'team_default':
      return `team default credential ${which}`;
    case 'env':
      return `worker env ${source.envName}`;
    case 'none_needed':
      return 'no credential needed';
    case 'missing':
      return 'missing';
  }
}
