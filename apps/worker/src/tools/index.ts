// The worker's agent tools and their sandbox (§5 "Tools the phase offers", §6.1).
export type { WebSearchBackend, WebSearchResult } from './definition';
export { redactSecrets } from './redact';
export { createToolbox, TOOL_NAMES, type Toolbox, type ToolboxOptions, type ToolPolicy } from './toolbox';
export { webSearchLeftOutWarning } from './web-search';
export {
  type SearxngOptions,
  SearxngSearch,
  WebSearchError,
  webSearchBackendFor,
} from './web-search-searxng';
