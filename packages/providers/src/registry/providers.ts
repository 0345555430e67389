import type { BuiltinProviderId, Protocol } from './ids';

/** How a provider exposes "thinking": a token budget, an effort level, an on/off switch, or nothing. */
export type ThinkingControl = 'budget' | 'effort' | 'toggle' | 'none';

export interface ProviderInfo {
  id: string;
  label: string;
  aliases: readonly string[];
  protocol: Protocol;
  /** Null for a custom provider: its base URL must come from a credential or the environment. */
  defaultBaseUrl: string | null;
  /** API key variables, first found wins. */
  keyEnvNames: readonly string[];
  /** Variables whose value is sent as a bearer token rather than an API key (ANTHROPIC_AUTH_TOKEN). */
  bearerEnvNames: readonly string[];
  baseUrlEnvNames: readonly string[];
  needsCredential: boolean;
  thinkingControl: ThinkingControl;
  /** Reasoning the provider streams as `reasoning_content` must be sent back on later turns. */
  replaysReasoningContent: boolean;
  custom: boolean;
}

export const BUILTIN_PROVIDERS: Record<BuiltinProviderId, ProviderInfo> = {
  anthropic: {
    id: 'anthropic',
    label: 'Anthropic',
    aliases: ['claude'],
    protocol: 'anthropic-messages',
    defaultBaseUrl: 'https://api.anthropic.com',
    keyEnvNames: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'],
    bearerEnvNames: ['ANTHROPIC_AUTH_TOKEN'],
    baseUrlEnvNames: ['ANTHROPIC_BASE_URL'],
    needsCredential: true,
    thinkingControl: 'budget',
    replaysReasoningContent: false,
    custom: false,
  },
  zai: {
    id: 'zai',
    label: 'Z.AI',
    aliases: ['glm', 'zhipu', 'zhipuai'],
    protocol: 'openai-chat',
    defaultBaseUrl: 'https://api.z.ai/api/paas/v4',
    keyEnvNames: ['ZAI_API_KEY', 'ZHIPUAI_API_KEY', 'GLM_API_KEY'],
    bearerEnvNames: [],
    baseUrlEnvNames: ['ZAI_BASE_URL', 'GLM_BASE_URL'],
    needsCredential: true,
    thinkingControl: 'toggle',
    replaysReasoningContent: true,
    custom: false,
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    aliases: [],
    protocol: 'openai-chat',
    defaultBaseUrl: 'https://api.openai.com/v1',
    keyEnvNames: ['OPENAI_API_KEY'],
    bearerEnvNames: [],
    baseUrlEnvNames: ['OPENAI_BASE_URL'],
    needsCredential: true,
    thinkingControl: 'effort',
    replaysReasoningContent: false,
    custom: false,
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    aliases: [],
    protocol: 'openai-chat',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    keyEnvNames: ['OPENROUTER_API_KEY'],
    bearerEnvNames: [],
    baseUrlEnvNames: [],
    needsCredential: true,
    thinkingControl: 'effort',
    replaysReasoningContent: false,
    custom: false,
  },
  deepseek: {
    id: 'deepseek',
    label: 'DeepSeek',
    aliases: [],
    protocol: 'openai-chat',
    defaultBaseUrl: 'https://api.deepseek.com',
    keyEnvNames: ['DEEPSEEK_API_KEY'],
    bearerEnvNames: [],
    baseUrlEnvNames: [],
    needsCredential: true,
    // deepseek-reasoner always thinks and deepseek-chat never does: the model is the control.
    thinkingControl: 'none',
    replaysReasoningContent: true,
    custom: false,
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    aliases: [],
    protocol: 'openai-chat',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    keyEnvNames: [],
    bearerEnvNames: [],
    baseUrlEnvNames: [],
    needsCredential: false,
    thinkingControl: 'none',
    replaysReasoningContent: false,
    custom: false,
  },
};
