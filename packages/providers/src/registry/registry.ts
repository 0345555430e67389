import { BUILTIN_PROVIDER_IDS, type Protocol } from './ids';
import { BUILTIN_PROVIDERS, type ProviderInfo } from './providers';

/** A provider the team defined itself (any name, either protocol). */
export interface CustomProviderDef {
  id: string;
  label?: string;
  protocol: Protocol;
  baseUrl?: string | null;
  needsCredential?: boolean;
}

export class UnknownProviderError extends Error {
  constructor(
    readonly input: string,
    readonly knownIds: readonly string[],
  ) {
    super(`Unknown provider "${input}". Known providers: ${knownIds.join(', ')}.`);
    this.name = 'UnknownProviderError';
  }
}

/** Case-, space- and punctuation-insensitive key: "Z.AI", " zai " and "ZAI" are one provider. */
export function providerKey(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/[\s._-]+/g, '');
}

/** `my-gateway` → `MY_GATEWAY`, the prefix of a custom provider's env names. */
export function envPrefixFor(id: string): string {
  return id
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function customProviderInfo(def: CustomProviderDef): ProviderInfo {
  const prefix = envPrefixFor(def.id);
  return {
    id: def.id.trim(),
    label: def.label ?? def.id.trim(),
    aliases: [],
    protocol: def.protocol,
    defaultBaseUrl: def.baseUrl ?? null,
    keyEnvNames: [`${prefix}_API_KEY`],
    bearerEnvNames: [],
    baseUrlEnvNames: [`${prefix}_BASE_URL`],
    needsCredential: def.needsCredential ?? true,
    thinkingControl: def.protocol === 'anthropic-messages' ? 'budget' : 'none',
    replaysReasoningContent: def.protocol === 'openai-chat',
    custom: true,
  };
}

export interface ProviderRegistry {
  /** Every provider, built-ins first. */
  list(): ProviderInfo[];
  knownIds(): string[];
  /** The provider for an id or alias, or undefined. */
  find(input: string): ProviderInfo | undefined;
  /** The provider for an id or alias; an unknown one throws UnknownProviderError listing the known ids. */
  resolve(input: string): ProviderInfo;
}

export function createProviderRegistry(custom: readonly CustomProviderDef[] = []): ProviderRegistry {
  const byKey = new Map<string, ProviderInfo>();
  const all: ProviderInfo[] = [];
  for (const id of BUILTIN_PROVIDER_IDS) {
    const info = BUILTIN_PROVIDERS[id];
    all.push(info);
    byKey.set(providerKey(info.id), info);
    for (const alias of info.aliases) byKey.set(providerKey(alias), info);
  }
  for (const def of custom) {
    const key = providerKey(def.id);
    // A built-in id or alias wins: a credential labelled "glm" is a Z.AI credential, not a new provider.
    if (byKey.has(key)) continue;
    const info = customProviderInfo(def);
    all.push(info);
    byKey.set(key, info);
  }
  const knownIds = () => all.map((p) => p.id);
  return {
    list: () => [...all],
    knownIds,
    find: (input) => byKey.get(providerKey(input)),
    resolve(input) {
      const found = byKey.get(providerKey(input));
      if (!found) throw new UnknownProviderError(input, knownIds());
      return found;
    },
  };
}

/** Normalise a provider id or alias to its canonical id (built-ins only unless a registry is given). */
export function normalizeProviderId(
  input: string,
  registry: ProviderRegistry = createProviderRegistry(),
): string {
  return registry.resolve(input).id;
}
