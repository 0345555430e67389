import { findModel } from '../catalog';

/** Tokens of one model call. `inputTokens` counts every prompt token, cached ones included. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export const ZERO_USAGE: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
  };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});

/**
 * Usage from an OpenAI-style usage object, whichever provider sent it: cached prompt tokens may be
 * in prompt_tokens_details.cached_tokens, a top-level cached_tokens (Moonshot) or
 * prompt_cache_hit_tokens (DeepSeek).
 */
export function usageFromOpenAI(raw: unknown): Usage {
  const u = rec(raw);
  const details = rec(u.prompt_tokens_details);
  const completion = rec(u.completion_tokens_details);
  return {
    inputTokens: num(u.prompt_tokens),
    outputTokens: num(u.completion_tokens),
    cacheReadTokens: num(details.cached_tokens) || num(u.cached_tokens) || num(u.prompt_cache_hit_tokens),
    cacheWriteTokens: num(details.cache_write_tokens),
    reasoningTokens: num(completion.reasoning_tokens),
  };
}

/** Usage from an Anthropic usage object: input_tokens excludes cache reads and writes, so add them. */
export function usageFromAnthropic(raw: unknown): Usage {
  const u = rec(raw);
  const read = num(u.cache_read_input_tokens);
  const write = num(u.cache_creation_input_tokens);
  return {
    inputTokens: num(u.input_tokens) + read + write,
    outputTokens: num(u.output_tokens),
    cacheReadTokens: read,
    cacheWriteTokens: write,
    reasoningTokens: 0,
  };
}

/** Cost in US dollars from the catalog; null when the model is not in it ("no price"). */
export function costOf(provider: string, model: string, usage: Usage): number | null {
  const info = findModel(provider, model);
  if (!info) return null;
  const p = info.prices;
  const uncached = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  const dollars =
    (uncached * p.inputPerMTok +
      usage.cacheReadTokens * p.cacheReadPerMTok +
      usage.cacheWriteTokens * p.cacheWritePerMTok +
      usage.outputTokens * p.outputPerMTok) /
    1_000_000;
  return Math.round(dollars * 1e8) / 1e8;
}
