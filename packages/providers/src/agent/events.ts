import type { ProviderErrorInfo } from '../errors/classes';
import type { ToolCall } from '../messages/types';
import type { AttemptRecord, HopRecord, KeyChoiceRecord } from '../routing/schemas';
import type { Usage } from '../usage/usage';

export interface ModelRef {
  provider: string;
  model: string;
}

/** What runAgent reports as it goes; the worker stores these as PhaseEvents. */
export type AgentEvent =
  | { type: 'assistant_text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'tool_result'; toolCallId: string; name: string; content: string; isError: boolean }
  | { type: 'usage'; usage: Usage; costUsd: number | null; provider: string; model: string }
  | { type: 'retry'; attempt: AttemptRecord; waitMs: number; error: ProviderErrorInfo }
  | { type: 'fallback'; hop: HopRecord; from: ModelRef; to: ModelRef; reason: string }
  /** A pool credential chosen, switched, waited for, or none left (docs/decisions/0013). */
  | { type: 'key'; choice: KeyChoiceRecord }
  | { type: 'error'; error: ProviderErrorInfo };

export const AGENT_EVENT_TYPES = [
  'assistant_text',
  'reasoning',
  'tool_call',
  'tool_result',
  'usage',
  'retry',
  'fallback',
  'key',
  'error',
] as const satisfies readonly AgentEvent['type'][];
