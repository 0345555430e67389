export interface ModelPrices {
  /** US dollars per million tokens. */
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  cacheWritePerMTok: number;
}

export interface ModelInfo {
  id: string;
  label: string;
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsThinking: boolean;
  supportsVision: boolean;
  /** Whether the streamed response reports token usage (OpenAI-style include_usage or always). */
  supportsStreamingUsage: boolean;
  /** Largest thinking budget the API accepts; absent when thinking is not budgeted in tokens. */
  maxThinkingBudget?: number;
  prices: ModelPrices;
  /** ISO date the prices were read from the provider's pricing page. */
  pricesTakenOn: string;
}

/** Cache prices as multiples of the input price, the way most providers publish them. */
export function pricesFrom(
  inputPerMTok: number,
  outputPerMTok: number,
  cacheRead = inputPerMTok,
  cacheWrite = inputPerMTok,
): ModelPrices {
  return { inputPerMTok, outputPerMTok, cacheReadPerMTok: cacheRead, cacheWritePerMTok: cacheWrite };
}
