import { type ModelInfo, pricesFrom } from './types';

const TAKEN = '2026-01-15';
const base = {
  supportsTools: true,
  supportsThinking: true,
  supportsVision: false,
  supportsStreamingUsage: true,
  pricesTakenOn: TAKEN,
};

// GLM thinking is an on/off switch (`thinking: {type}`), so no maxThinkingBudget.
export const ZAI_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'glm-4.7',
    label: 'GLM-4.7',
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    prices: pricesFrom(0.6, 2.2, 0.11, 0),
  },
  {
    ...base,
    id: 'glm-4.7-flash',
    label: 'GLM-4.7 Flash',
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    prices: pricesFrom(0, 0, 0, 0),
  },
  {
    ...base,
    id: 'glm-4.6',
    label: 'GLM-4.6',
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    prices: pricesFrom(0.6, 2.2, 0.11, 0),
  },
  {
    ...base,
    id: 'glm-4.5',
    label: 'GLM-4.5',
    contextWindow: 128_000,
    maxOutputTokens: 96_000,
    prices: pricesFrom(0.6, 2.2, 0.11, 0),
  },
  {
    ...base,
    id: 'glm-4.5-air',
    label: 'GLM-4.5 Air',
    contextWindow: 128_000,
    maxOutputTokens: 96_000,
    prices: pricesFrom(0.2, 1.1, 0.03, 0),
  },
];
