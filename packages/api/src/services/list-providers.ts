import type { PrismaClient } from '@switchyard/db';
import {
  type CustomProviderDef,
  catalogFor,
  MODEL_ALIASES,
  registryFor,
  resolveCredential,
  type WorkerEnv,
} from '@switchyard/providers';
import { type CredentialQuota, type CredentialRest, listCredentials, teamCredentialsOf } from './credentials';

export interface ProviderListing {
  id: string;
  label: string;
  /** builtin; operator (SWITCHYARD_CUSTOM_PROVIDERS); team (named by one of the team's credentials). */
  source: 'builtin' | 'operator' | 'team';
  protocol: string;
  defaultBaseUrl: string | null;
  /** Other names accepted for the provider (e.g. claude → anthropic). */
  aliases: string[];
  /** Known model ids (custom providers list none: any id is passed through). */
  models: string[];
  /** The team's credentials for it, and whether one is the default. */
  credentials: number;
  hasDefaultCredential: boolean;
  /** The team's credentials for it in pool order (default first, then position): never a secret. */
  pool: PoolCredential[];
  /** Worker environment variables read for its key, first found wins. */
  keyEnvNames: string[];
  /** A key is set in this server's environment (the worker's should match). */
  envKeySet: boolean;
  needsCredential: boolean;
}

/** One credential of a provider's pool as `providers.list` shows it. */
export interface PoolCredential {
  id: string;
  label: string;
  /** `…1234` */
  masked: string;
  isDefault: boolean;
  position: number;
  weight: number;
  /** null unless it rests now (`until` null: until the credential is edited). */
  rest: CredentialRest | null;
  /** null unless a response reported its capacity. */
  quota: CredentialQuota | null;
}

/**
 * Every provider the team can route a phase to, as the dashboard's forms offer them: the built-ins
 * with their catalog models, the operator's custom providers and the team's own, each with the
 * team's credential count. `switchyard providers list` prints it.
 */
export async function listProviders(
  prisma: PrismaClient,
  scope: {
    teamId: string;
    customProviders: readonly CustomProviderDef[];
    env: WorkerEnv;
  },
): Promise<{ providers: ProviderListing[]; modelAliases: string[] }> {
  const [teamCredentials, masked] = await Promise.all([
    teamCredentialsOf(prisma, scope.teamId),
    listCredentials(prisma, scope.teamId),
  ]);
  const registry = registryFor({ customProviders: scope.customProviders, teamCredentials });
  const operatorIds = new Set(scope.customProviders.map((p) => p.id));
  const providers = registry.list().map((p): ProviderListing => {
    const mine = teamCredentials.filter((c) => registry.find(c.provider)?.id === p.id);
    // The same rules the routing applies: which team credential it would pick, which env key it reads.
    const viaTeam = resolveCredential({ provider: p, teamCredentials, env: {} }).source.kind;
    const viaEnv = resolveCredential({ provider: p, teamCredentials: [], env: scope.env }).source.kind;
    return {
      id: p.id,
      label: p.label,
      source: !p.custom ? 'builtin' : operatorIds.has(p.id) ? 'operator' : 'team',
      protocol: p.protocol,
      defaultBaseUrl: p.defaultBaseUrl,
      aliases: [...p.aliases],
      models: p.custom ? [] : catalogFor(p.id).map((m) => m.id),
      credentials: mine.length,
      hasDefaultCredential: viaTeam === 'team_default' && mine.some((c) => c.isDefault),
      pool: masked
        .filter((c) => registry.find(c.provider)?.id === p.id)
        .map((c) => ({
          id: c.id,
          label: c.label,
          masked: c.masked,
          isDefault: c.isDefault,
          position: c.position,
          weight: c.weight,
          rest: c.rest,
          quota: c.quota,
        })),
      keyEnvNames: [...p.keyEnvNames],
      envKeySet: viaEnv === 'env',
      needsCredential: p.needsCredential,
    };
  });
  return { providers, modelAliases: [...MODEL_ALIASES] };
}
