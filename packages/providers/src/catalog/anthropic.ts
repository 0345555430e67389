import { type ModelInfo, pricesFrom } from './types';

const TAKEN = '2026-01-15';
const base = {
  contextWindow: 200_000,
  supportsTools: true,
  supportsThinking: true,
  supportsVision: true,
  supportsStreamingUsage: true,
  pricesTakenOn: TAKEN,
};

// Cache reads cost 0.1× input, 5-minute cache writes 1.25× input.
export const ANTHROPIC_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'claude-opus-4-5',
    label: 'Claude Opus 4.5',
    maxOutputTokens: 64_000,
    maxThinkingBudget: 64_000,
    prices: pricesFrom(5, 25, 0.5, 6.25),
  },
  {
    ...base,
    id: 'claude-opus-4-1',
    label: 'Claude Opus 4.1',
    maxOutputTokens: 32_000,
    maxThinkingBudget: 32_000,
    prices: pricesFrom(15, 75, 1.5, 18.75),
  },
  {
    // Prices assumed equal to Sonnet 4.5's until confirmed (docs/decisions/0004).
    ...base,
    id: 'claude-sonnet-4-6',
    label: 'Claude Sonnet 4.6',
    maxOutputTokens: 64_000,
    maxThinkingBudget: 64_000,
    prices: pricesFrom(3, 15, 0.3, 3.75),
  },
  {
    // End of life 2026-11-30 (the SDK warns on every call): kept so that stored decisions price.
    ...base,
    id: 'claude-sonnet-4-5',
    label: 'Claude Sonnet 4.5',
    maxOutputTokens: 64_000,
    maxThinkingBudget: 64_000,
    prices: pricesFrom(3, 15, 0.3, 3.75),
  },
  {
    ...base,
    id: 'claude-sonnet-4-0',
    label: 'Claude Sonnet 4',
    maxOutputTokens: 64_000,
    maxThinkingBudget: 64_000,
    prices: pricesFrom(3, 15, 0.3, 3.75),
  },
  {
    ...base,
    id: 'claude-haiku-4-5',
    label: 'Claude Haiku 4.5',
    maxOutputTokens: 64_000,
    maxThinkingBudget: 64_000,
    prices: pricesFrom(1, 5, 0.1, 1.25),
  },
];
