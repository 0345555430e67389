/** Wire protocols Switchyard speaks. Every provider, built-in or custom, uses one of them. */
export const PROTOCOLS = ['anthropic-messages', 'openai-chat'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Built-in provider ids (§4.1). Custom providers may use any other name. */
export const BUILTIN_PROVIDER_IDS = [
  'anthropic',
  'zai',
  'openai',
  'openrouter',
  'deepseek',
  'ollama',
] as const;
export type BuiltinProviderId = (typeof BUILTIN_PROVIDER_IDS)[number];

/** Provider ids are plain strings because custom providers exist; built-ins are listed above. */
export type ProviderId = string;
