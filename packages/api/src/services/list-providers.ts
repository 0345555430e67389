import type { PrismaClient } from '@switchyard/db';
import { catalogFor, MODEL_ALIASES, type WorkerEnv } from '@switchyard/providers';
import { teamRegistry } from './credentials';

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
    customProviders: Parameters<typeof teamRegistry>[1]['customProviders'];
    env: WorkerEnv;
  },
): Promise<{ providers: ProviderListing[]; modelAliases: string[] }> {
  const registry = await teamRegistry(prisma, scope);
  const credentials = await prisma.providerCredential.findMany({
    where: { teamId: scope.teamId },
    select: { provider: true, isDefault: true },
  });
  const operatorIds = new Set(scope.customProviders.map((p) => p.id));
  const providers = registry.list().map((p): ProviderListing => {
    const mine = credentials.filter((c) => registry.find(c.provider)?.id === p.id);
    return {
      id: p.id,
      label: p.label,
      source: !p.custom ? 'builtin' : operatorIds.has(p.id) ? 'operator' : 'team',
      protocol: p.protocol,
      defaultBaseUrl: p.defaultBaseUrl,
      aliases: [...p.aliases],
      models: p.custom ? [] : catalogFor(p.id).map((m) => m.id),
      credentials: mine.length,
      hasDefaultCredential: mine.some((c) => c.isDefault) || mine.length === 1,
      keyEnvNames: [...p.keyEnvNames],
      envKeySet: p.keyEnvNames.some((name) => Boolean(scope.env[name]?.trim())),
      needsCredential: p.needsCredential,
    };
  });
  return { providers, modelAliases: [...MODEL_ALIASES] };
}
