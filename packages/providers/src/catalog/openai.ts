import { type ModelInfo, pricesFrom } from './types';

const TAKEN = '2026-01-15';
const base = {
  supportsTools: true,
  supportsVision: true,
  supportsStreamingUsage: true,
  pricesTakenOn: TAKEN,
};

// GPT-5 reasoning is steered by `reasoning_effort`, not a token budget.
export const OPENAI_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'gpt-5',
    label: 'GPT-5',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    supportsThinking: true,
    prices: pricesFrom(1.25, 10, 0.125, 1.25),
  },
  {
    ...base,
    id: 'gpt-5-mini',
    label: 'GPT-5 mini',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    supportsThinking: true,
    prices: pricesFrom(0.25, 2, 0.025, 0.25),
  },
  {
    ...base,
    id: 'gpt-4.1',
    label: 'GPT-4.1',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    supportsThinking: false,
    prices: pricesFrom(2, 8, 0.5, 2),
  },
  {
    ...base,
    id: 'gpt-4.1-mini',
    label: 'GPT-4.1 mini',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    supportsThinking: false,
    prices: pricesFrom(0.4, 1.6, 0.1, 0.4),
  },
  {
    ...base,
    id: 'gpt-4o',
    label: 'GPT-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    supportsThinking: false,
    prices: pricesFrom(2.5, 10, 1.25, 2.5),
  },
];
