import { type ModelInfo, pricesFrom } from './types';

const base = {
  supportsThinking: false,
  supportsVision: false,
  // Ollama reports usage only when stream_options.include_usage is sent (≥ 0.5.2); we always send it.
  supportsStreamingUsage: true,
  pricesTakenOn: '2026-01-15',
  prices: pricesFrom(0, 0, 0, 0),
};

/** Local models cost nothing; windows are Ollama's defaults for these tags. */
export const OLLAMA_MODELS: ModelInfo[] = [
  {
    ...base,
    id: 'qwen2.5-coder:7b',
    label: 'Qwen2.5 Coder 7B',
    contextWindow: 32_768,
    maxOutputTokens: 8_192,
    supportsTools: true,
  },
  {
    ...base,
    id: 'llama3.1:8b',
    label: 'Llama 3.1 8B',
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    supportsTools: true,
  },
];
