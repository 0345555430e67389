import type { PrismaClient } from '@switchyard/db';
import {
  type CustomProviderDef,
  catalogFor,
  MODEL_ALIASES,
  registryFor,
  resolveCredential,
  type WorkerEnv,
} from '@switchyard/providers';
import { teamCredentialsOf } from './credentials';

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
  /** Worker environment variables read for its key, first found wins. */
  keyEnvNames: string[];
  /** A key is set in this server's environment (the worker's should match). */
  envKeySet: boolean;
  needsCredential: boolean;
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
  const teamCredentials = await teamCredentialsOf(prisma, scope.teamId);
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
      hasDefaultCredential: viaTeam === 'team_default',
      keyEnvNames: [...p.keyEnvNames],
      envKeySet: viaEnv === 'env',
      needsCredential: p.needsCredential,
    };
  });
  return { providers, modelAliases: [...MODEL_ALIASES] };
}
