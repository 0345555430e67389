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
  /** Pool order (default 0) and share among equals (default 1): docs/decisions/0013. */
  position?: number;
  weight?: number;
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
  /** The team credentials the worker may use, in pool order (the first is `credential`). */
  pool: TeamCredential[];
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

/** Pool order: the team's default first, then by position; ties keep the given (creation) order. */
export function poolOrder(credentials: readonly TeamCredential[]): TeamCredential[] {
  return credentials
    .map((c, index) => ({ c, index }))
    .sort(
      (a, b) =>
        Number(b.c.isDefault) - Number(a.c.isDefault) ||
        (a.c.position ?? 0) - (b.c.position ?? 0) ||
        a.index - b.index,
    )
    .map(({ c }) => c);
}

/**
 * The credential to use (§4.2): the profile phase's credential → the team's pool of credentials for
 * the provider (default first) → the worker's environment (first name found wins). Pure: `env` is
 * passed in. Which member of a pool serves a call is decided by the worker (agent/key-pool).
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
        pool: [chosen],
        envNames,
        notes,
      };
  }

  // Every credential of the team for the provider is its pool; the default, when flagged, comes first.
  const pool = poolOrder(mine);
  const first = pool[0];
  if (first)
    return {
      source: { kind: 'team_default', credentialId: first.id, label: first.label },
      authScheme: 'api_key',
      credential: first,
      pool,
      envNames,
      notes,
    };

  for (const name of envNames) {
    if (env[name]?.trim()) {
      const authScheme: AuthScheme = provider.bearerEnvNames.includes(name) ? 'bearer' : 'api_key';
      return { source: { kind: 'env', envName: name }, authScheme, pool: [], envNames, notes };
    }
  }
  if (!provider.needsCredential)
    return { source: { kind: 'none_needed' }, authScheme: 'api_key', pool: [], envNames, notes };
  return { source: { kind: 'missing' }, authScheme: 'api_key', pool: [], envNames, notes };
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
      return `team credential ${which}`;
    case 'env':
      return `worker env ${source.envName}`;
    case 'none_needed':
      return 'no credential needed';
    case 'missing':
      return 'missing';
  }
}
