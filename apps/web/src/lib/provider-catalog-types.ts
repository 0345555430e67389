export interface ProviderOption {
  id: string;
  label: string;
  protocol: string;
  defaultBaseUrl: string | null;
  keyEnvNames: string[];
  needsCredential: boolean;
  custom: boolean;
  /** Model ids from the catalog (custom providers have none: any id is accepted). */
  models: string[];
}

export interface ProviderCatalog {
  phases: ('spec' | 'planning' | 'coding' | 'qa')[];
  thinkingLevels: ('none' | 'low' | 'medium' | 'high' | 'ultrathink')[];
  protocols: ('anthropic-messages' | 'openai-chat')[];
  /** opus, sonnet, haiku: resolved per provider. */
  aliases: string[];
  providers: ProviderOption[];
  /** The seeded offline demo: its project and built-in profile, by name. */
  demo: { projectName: string; profileName: string };
}
