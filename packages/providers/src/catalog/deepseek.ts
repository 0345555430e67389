import { type ModelInfo, pricesFrom } from './types';

const TAKEN = '2026-01-15';
const base = {
  contextWindow: 128_000,
  supportsTools: true,
  supportsVision: false,
  supportsStreamingUsage: true,
  pricesTakenOn: TAKEN,
  prices: pricesFrom(0.28, 0.42, 0.028, 0.28),
};

export const DEEPSEEK_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'deepseek-chat',
    label: 'DeepSeek V3.2 (chat)',
    maxOutputTokens: 8_192,
    supportsThinking: false,
  },
  {
    ...base,
    id: 'deepseek-reasoner',
    label: 'DeepSeek V3.2 (reasoner)',
    maxOutputTokens: 64_000,
    supportsThinking: true,
  },
];
