import { describe, expect, it } from 'vitest';
import { costOf, usageFromAnthropic, usageFromOpenAI } from './usage';

describe('usage and cost', () => {
  it('counts Anthropic cache reads and writes as input tokens once', () => {
    expect(
      usageFromAnthropic({
        input_tokens: 100,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 10,
        output_tokens: 5,
      }),
    ).toEqual({
      inputTokens: 1110,
      outputTokens: 5,
      cacheReadTokens: 1000,
      cacheWriteTokens: 10,
      reasoningTokens: 0,
    });
  });
  it('reads cached tokens from each OpenAI-compatible dialect', () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: 10,
        completion_tokens: 2,
        prompt_tokens_details: { cached_tokens: 4 },
      }).cacheReadTokens,
    ).toBe(4);
    expect(
      usageFromOpenAI({ prompt_tokens: 10, completion_tokens: 2, cached_tokens: 7 }).cacheReadTokens,
    ).toBe(7);
    expect(
      usageFromOpenAI({ prompt_tokens: 10, completion_tokens: 2, prompt_cache_hit_tokens: 3 })
        .cacheReadTokens,
    ).toBe(3);
    expect(usageFromOpenAI(null).inputTokens).toBe(0);
  });
  it('prices from the catalog, cache reads at their own price; unknown models have no price', () => {
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      cacheReadTokens: 500_000,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    };
    // Sonnet 4.5: 0.5M × $3 + 0.5M × $0.30 + 1M × $15
    expect(costOf('anthropic', 'claude-sonnet-4-5', usage)).toBe(16.65);
    expect(costOf('anthropic', 'claude-sonnet-4-20250514', usage)).toBe(16.65);
    expect(costOf('zai', 'glm-9', usage)).toBeNull();
  });
});
