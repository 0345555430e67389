import type { ClientConfig, ModelClient } from '../messages/types';
import { createAnthropicClient } from './anthropic/client';
import { createOpenAIClient } from './openai/client';

/** A client for the config's protocol. */
export function createModelClient(config: ClientConfig): ModelClient {
  return config.protocol === 'anthropic-messages'
    ? createAnthropicClient(config)
    : createOpenAIClient(config);
}
