import type { AgentEvent } from '@switchyard/providers';
import type { PhaseEventInput } from '../queue';

type Append = (events: PhaseEventInput[]) => void;
type Redact = (text: string) => string;

const TOOL_RESULT_EVENT_CAP = 8_000;
const TEXT_FLUSH_CHARS = 2_000;

/**
 * Turns the agent loop's events into PhaseEvents. Streamed text and reasoning arrive as many small
 * deltas: consecutive ones are joined into one event (flushed when another kind of event comes,
 * or every 2,000 characters) so that the log reads as messages, not tokens. Everything that could
 * echo a secret goes through `redact`.
 */
export function createEventLog(append: Append, redact: Redact) {
  let pending: { type: 'assistant_text' | 'reasoning'; text: string } | null = null;

  const flushText = () => {
    if (pending?.text) append([{ type: pending.type, payload: { text: redact(pending.text) } }]);
    pending = null;
  };

  return {
    log(message: string, details: Record<string, unknown> = {}) {
      flushText();
      append([{ type: 'log', payload: { message: redact(message), ...details } }]);
    },
    routing(payload: Record<string, unknown>) {
      flushText();
      append([{ type: 'routing', payload: JSON.parse(redact(JSON.stringify(payload))) }]);
    },
    agent(event: AgentEvent) {
      if (event.type === 'assistant_text' || event.type === 'reasoning') {
        if (pending && pending.type !== event.type) flushText();
        pending ??= { type: event.type, text: '' };
        pending.text += event.text;
        if (pending.text.length >= TEXT_FLUSH_CHARS) flushText();
        return;
      }
      flushText();
      append([toPhaseEvent(event, redact)]);
    },
    flush: flushText,
  };
}

function toPhaseEvent(
  event: Exclude<AgentEvent, { type: 'assistant_text' | 'reasoning' }>,
  redact: Redact,
): PhaseEventInput {
  switch (event.type) {
    case 'tool_call':
      return {
        type: 'tool_call',
        payload: {
          id: event.call.id,
          name: event.call.name,
          arguments: JSON.parse(redact(JSON.stringify(event.call.arguments))),
        },
      };
    case 'tool_result': {
      const content = redact(event.content);
      return {
        type: 'tool_result',
        payload: {
          toolCallId: event.toolCallId,
          name: event.name,
          isError: event.isError,
          content:
            content.length > TOOL_RESULT_EVENT_CAP
              ? `${content.slice(0, TOOL_RESULT_EVENT_CAP)}… [${content.length - TOOL_RESULT_EVENT_CAP} more characters]`
              : content,
        },
      };
    }
    case 'usage':
      return {
        type: 'usage',
        payload: { ...event.usage, costUsd: event.costUsd, provider: event.provider, model: event.model },
      };
    case 'retry':
      return {
        type: 'retry',
        payload: JSON.parse(
          redact(JSON.stringify({ attempt: event.attempt, waitMs: event.waitMs, error: event.error })),
        ),
      };
    case 'fallback':
      return {
        type: 'fallback',
        payload: JSON.parse(
          redact(JSON.stringify({ hop: event.hop, from: event.from, to: event.to, reason: event.reason })),
        ),
      };
    case 'key':
      // Which pool credential serves the phase, and why (labels only, never a secret).
      return {
        type: 'log',
        payload: JSON.parse(redact(JSON.stringify({ message: event.choice.reason, key: event.choice }))),
      };
    case 'error':
      return { type: 'error', payload: JSON.parse(redact(JSON.stringify(event.error))) };
  }
}
