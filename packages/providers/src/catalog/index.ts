import type { BuiltinProviderId } from '../registry/ids';
import { ANTHROPIC_MODELS } from './anthropic';
import { DEEPSEEK_MODELS } from './deepseek';
import { OLLAMA_MODELS } from './ollama';
import { OPENAI_MODELS } from './openai';
import { OPENROUTER_MODELS } from './openrouter';
import type { ModelInfo } from './types';
import { ZAI_MODELS } from './zai';

/** The model catalog: one data file per provider. */
export const MODEL_CATALOG: Record<BuiltinProviderId, readonly ModelInfo[]> = {
  anthropic: ANTHROPIC_MODELS,
  zai: ZAI_MODELS,
  openai: OPENAI_MODELS,
  openrouter: OPENROUTER_MODELS,
  deepseek: DEEPSEEK_MODELS,
  ollama: OLLAMA_MODELS,
};

export function catalogFor(provider: string): readonly ModelInfo[] {
  return (MODEL_CATALOG as Record<string, readonly ModelInfo[]>)[provider] ?? [];
}

/**
 * The catalog entry for a model on a provider. Dated snapshots (`claude-sonnet-4-20250514`,
 * `gpt-4o-2024-08-06`) resolve to their family entry, since that is what providers echo back.
 */
export function findModel(provider: string, model: string): ModelInfo | undefined {
  const models = catalogFor(provider);
  const id = model.trim();
  const exact = models.find((m) => m.id === id);
  if (exact) return exact;
  const undated = id.replace(/-\d{8}$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return (
    models.find((m) => m.id === undated) ??
    // claude-sonnet-4-20250514 → claude-sonnet-4-0
    models.find((m) => m.id === `${undated}-0`)
  );
}

/** Which built-in provider's catalog lists this model id, if any. */
export function providerOfModel(model: string): BuiltinProviderId | undefined {
  for (const [provider, models] of Object.entries(MODEL_CATALOG)) {
    if (models.some((m) => m.id === model)) return provider as BuiltinProviderId;
  }
  return undefined;
}

export type { ModelInfo, ModelPrices } from './types';
