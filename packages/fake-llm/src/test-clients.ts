import { resolve } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

// The real SDKs pointed at a fake, with their own retries off as the providers package uses them.

export const anthropicClient = (url: string): Anthropic =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: url, maxRetries: 0 });

export const openAiClient = (url: string, basePath = '/v1'): OpenAI =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${url}${basePath}`, maxRetries: 0 });

/** shared/provider-transcripts sits beside the repository (see ARCHITECTURE.md §10). */
export const TRANSCRIPTS_DIR = resolve(import.meta.dirname, '../../../../shared/provider-transcripts');

export const transcriptPath = (name: string): string => resolve(TRANSCRIPTS_DIR, name);

export const WEATHER_TOOL = {
  name: 'weather',
  description: 'Current weather for a location',
  input_schema: {
    type: 'object' as const,
    properties: { location: { type: 'string' } },
    required: ['location'],
  },
};
