// Public surface of @switchyard/providers. See README.md.

export { createAnthropicClient } from './adapters/anthropic/client';
export { createModelClient } from './adapters/create-client';
export { createOpenAIClient } from './adapters/openai/client';
// Agent loop
export { AGENT_EVENT_TYPES, type AgentEvent, type ModelRef } from './agent/events';
export { fallbackUnfitReason } from './agent/fallback';
export { POOL_RESTING_CODE } from './agent/pool-keys';
export { DEFAULT_QUOTA_REST_MS, type GetApiKey } from './agent/resilient-call';
export {
  type AgentResult,
  type AgentStatus,
  type ExecuteTool,
  type RunAgentOptions,
  runAgent,
  type ToolOutcome,
} from './agent/run-agent';
// Model catalog, aliases, thinking
export {
  catalogFor,
  findModel,
  MODEL_CATALOG,
  type ModelInfo,
  type ModelPrices,
  providerOfModel,
} from './catalog';
export {
  ALIAS_TABLE,
  aliasOf,
  aliasOverrideEnvName,
  DEFAULT_PHASE_MODEL,
  MODEL_ALIASES,
  type ModelAlias,
  mapModelForProvider,
} from './catalog/aliases';
export {
  type ReasoningEffort,
  THINKING_BUDGETS,
  THINKING_LEVELS,
  type ThinkingLevel,
  type ThinkingSetting,
  thinkingFor,
} from './catalog/thinking';
// Credentials
export {
  type AuthScheme,
  type CredentialResolution,
  type CredentialSource,
  describeCredentialSource,
  resolveBaseUrl,
  resolveCredential,
  type TeamCredential,
  type WorkerEnv,
} from './credentials/resolve';

// Errors and retries
export {
  DEFAULT_ACTION,
  ERROR_ACTIONS,
  ERROR_CLASSES,
  type ErrorAction,
  type ErrorClass,
  ProviderError,
  type ProviderErrorInfo,
} from './errors/classes';
export { classifyProviderError, type ErrorInput } from './errors/classify';
export { toProviderError } from './errors/from-exception';
export { parseRetryAfterMs } from './errors/retry-after';
export {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RetryDecision,
  type RetryPolicy,
} from './errors/retry-policy';
export { abortableSleep, type Sleep } from './errors/sleep';
// Key pools: resting limited credentials, quota-aware choice (docs/decisions/0013)
export * from './keys';
export { estimateTokens, toolCallsOf, userText } from './messages/conversation';
// Messages and clients
export * from './messages/types';
// Phases, protocols, providers
export { PHASES, type Phase } from './phases';
export { PROBE_USAGE, runProbeCli } from './probe/cli-main';
// Probe
export { PROBE_TOOL, type ProbeOptions, type ProbeResult, probeProvider } from './probe/probe';
export {
  BUILTIN_PROVIDER_IDS,
  type BuiltinProviderId,
  PROTOCOLS,
  type Protocol,
  type ProviderId,
} from './registry/ids';
export { BUILTIN_PROVIDERS, type ProviderInfo, type ThinkingControl } from './registry/providers';
export {
  type CustomProviderDef,
  createProviderRegistry,
  envPrefixFor,
  normalizeProviderId,
  type ProviderRegistry,
  providerKey,
  UnknownProviderError,
} from './registry/registry';
// Routing
export {
  DEFAULT_PHASE_THINKING,
  type RoutingInput,
  registryFor,
  resolvePhaseRouting,
  resolveRoutingForPhase,
} from './routing/resolve';
export * from './routing/schemas';
export { type ValidationIssue, type ValidationResult, validateRouting } from './routing/validate';
// Usage and cost
export { addUsage, costOf, type Usage, usageFromAnthropic, usageFromOpenAI, ZERO_USAGE } from './usage/usage';
