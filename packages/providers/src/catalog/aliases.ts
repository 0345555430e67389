import type { Phase } from '../phases';
import { envPrefixFor } from '../registry/registry';

/** Provider-neutral model tiers; they resolve per provider (§4.3). */
export const MODEL_ALIASES = ['opus', 'sonnet', 'haiku'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

/** Alias table per provider. A provider without a table passes aliases through unchanged. */
export const ALIAS_TABLE: Record<string, Record<ModelAlias, string>> = {
  anthropic: { opus: 'claude-opus-4-5', sonnet: 'claude-sonnet-4-6', haiku: 'claude-haiku-4-5' },
  zai: { opus: 'glm-4.7', sonnet: 'glm-4.5', haiku: 'glm-4.5-air' },
  openai: { opus: 'gpt-5', sonnet: 'gpt-5', haiku: 'gpt-5-mini' },
  openrouter: {
    opus: 'anthropic/claude-opus-4.5',
    sonnet: 'anthropic/claude-sonnet-4.5',
    haiku: 'anthropic/claude-haiku-4.5',
  },
  deepseek: { opus: 'deepseek-reasoner', sonnet: 'deepseek-chat', haiku: 'deepseek-chat' },
};

/** The model each phase uses when neither task nor profile names one (an alias, mapped per provider). */
export const DEFAULT_PHASE_MODEL: Record<Phase, ModelAlias> = {
  spec: 'sonnet',
  planning: 'opus',
  coding: 'sonnet',
  qa: 'sonnet',
};

/** The tier of a model name: `opus`, a full Claude id such as `claude-opus-4-1`, or none. */
export function aliasOf(model: string): ModelAlias | undefined {
  const m = model.trim().toLowerCase();
  if ((MODEL_ALIASES as readonly string[]).includes(m)) return m as ModelAlias;
  const claude = /^(?:anthropic\/)?claude-(?:[\d.-]+-)?(opus|sonnet|haiku)\b/.exec(m);
  return claude?.[1] as ModelAlias | undefined;
}

/** Env names that override an alias on a provider, e.g. ANTHROPIC_DEFAULT_OPUS_MODEL, ZAI_DEFAULT_OPUS_MODEL. */
export function aliasOverrideEnvName(provider: string, alias: ModelAlias): string {
  return `${envPrefixFor(provider)}_DEFAULT_${alias.toUpperCase()}_MODEL`;
}

export interface ModelMapping {
  model: string;
  /** Why the model changed, for the routing trace; undefined when it passed through. */
  reason?: string;
}

/**
 * Map a requested model onto a provider: a bare alias maps by the provider's table (or its env
 * override); a full Claude id maps by its tier on a non-Anthropic provider; anything else passes.
 */
export function mapModelForProvider(
  provider: string,
  requested: string,
  env: Record<string, string | undefined> = {},
): ModelMapping {
  const model = requested.trim();
  const alias = aliasOf(model);
  if (!alias) return { model };
  const isBareAlias = (MODEL_ALIASES as readonly string[]).includes(model.toLowerCase());
  // A full Claude id on Anthropic (or via OpenRouter's anthropic/ namespace) is already concrete.
  if (!isBareAlias && (provider === 'anthropic' || model.includes('/'))) return { model };
  const envName = aliasOverrideEnvName(provider, alias);
  const override = env[envName]?.trim();
  if (override) return { model: override, reason: `${model} → ${override} (from ${envName})` };
  const mapped = ALIAS_TABLE[provider]?.[alias];
  if (!mapped) return { model };
  if (mapped === model) return { model };
  return { model: mapped, reason: `${model} → ${mapped} (${alias} tier on ${provider})` };
}
