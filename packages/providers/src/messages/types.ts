import type { ThinkingSetting } from '../catalog/thinking';
import type { AuthScheme } from '../credentials/resolve';
import type { RateLimitSnapshot } from '../keys/rate-limits';
import type { Protocol } from '../registry/ids';
import type { Usage } from '../usage/usage';

// The provider-neutral conversation format. Adapters translate it to and from each wire protocol.

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed JSON object. */
  arguments: Record<string, unknown>;
}

/** Where reasoning came from decides how (and whether) it is replayed on later turns. */
export type ReasoningSource = 'anthropic' | 'reasoning_content' | 'reasoning';

export type AssistantPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; source: ReasoningSource; signature?: string; redactedData?: string }
  | ({ type: 'tool_call' } & ToolCall);

export type UserPart =
  | { type: 'text'; text: string }
  | { type: 'tool_result'; toolCallId: string; content: string; isError?: boolean };

export type Message =
  | { role: 'user'; content: string | UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
}

export const FINISH_REASONS = ['stop', 'tool_calls', 'length', 'error'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

/** A tool call that must not run: cut off by the output limit or with arguments that are not JSON. */
export interface IncompleteToolCall {
  id: string;
  name: string;
  rawArguments: string;
  reason: string;
}

export interface ModelTurn {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  incompleteToolCalls: IncompleteToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The assistant message to append to the conversation (reasoning kept for replay). */
  message: Message & { role: 'assistant' };
  /** The model id the provider echoed, if any. */
  responseModel: string | null;
  /** The capacity left on the key, as the response's rate-limit headers reported it. */
  rateLimits?: RateLimitSnapshot;
}

export type TurnDelta = { type: 'text'; text: string } | { type: 'reasoning'; text: string };

export interface ModelRequest {
  system?: string;
  messages: readonly Message[];
  tools?: readonly ToolSpec[];
  maxOutputTokens?: number;
  thinking?: ThinkingSetting;
  stream: boolean;
  signal?: AbortSignal;
  onDelta?: (delta: TurnDelta) => void;
}

/** Everything an adapter needs to reach a model: explicit, never read from process.env. */
export interface ClientConfig {
  protocol: Protocol;
  provider: string;
  baseUrl: string;
  /** The API key, or the bearer token when authScheme is `bearer` (ANTHROPIC_AUTH_TOKEN). */
  apiKey?: string | null;
  authScheme?: AuthScheme;
  model: string;
  timeoutMs?: number;
  /** A started stream with no event for this long fails as a timeout (default DEFAULT_STREAM_IDLE_MS). */
  streamIdleMs?: number;
  /** Send `reasoning_content` back on later turns (DeepSeek, GLM). */
  replaysReasoningContent?: boolean;
  fetch?: typeof fetch;
  /** The clock for reset times given as durations ("retry-after: 90", "6m0s"); tests inject one. */
  now?: () => Date;
}

export interface ModelClient {
  readonly config: ClientConfig;
  complete(request: ModelRequest): Promise<ModelTurn>;
}
