import { type ModelInfo, pricesFrom } from './types';

const TAKEN = '2026-01-15';
const base = { supportsTools: true, supportsStreamingUsage: true, pricesTakenOn: TAKEN };

// OpenRouter ids are `vendor/model`; prices are the upstream list prices it passes through.
export const OPENROUTER_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'anthropic/claude-opus-4.5',
    label: 'Claude Opus 4.5 (OpenRouter)',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    supportsThinking: true,
    supportsVision: true,
    prices: pricesFrom(5, 25, 0.5, 6.25),
  },
  {
    ...base,
    id: 'anthropic/claude-sonnet-4.5',
    label: 'Claude Sonnet 4.5 (OpenRouter)',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    supportsThinking: true,
    supportsVision: true,
    prices: pricesFrom(3, 15, 0.3, 3.75),
  },
  {
    ...base,
    id: 'anthropic/claude-haiku-4.5',
    label: 'Claude Haiku 4.5 (OpenRouter)',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    supportsThinking: true,
    supportsVision: true,
    prices: pricesFrom(1, 5, 0.1, 1.25),
  },
  {
    ...base,
    id: 'z-ai/glm-4.6',
    label: 'GLM-4.6 (OpenRouter)',
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    supportsThinking: true,
    supportsVision: false,
    prices: pricesFrom(0.6, 2.2, 0.11, 0.6),
  },
  {
    ...base,
    id: 'openai/gpt-5',
    label: 'GPT-5 (OpenRouter)',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    supportsThinking: true,
    supportsVision: true,
    prices: pricesFrom(1.25, 10, 0.125, 1.25),
  },
];
