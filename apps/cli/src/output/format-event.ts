import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { oneLine } from './table';

export type TaskEvent = ApiOutputs['tasks']['events']['events'][number];
type Payload = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const ref = (value: unknown) => {
  const r = (value ?? {}) as Payload;
  return `${str(r.provider)}/${str(r.model)}`;
};

/** One log line for a task event (streamed by `tasks watch`); null for events not worth a line. */
export function formatEvent(event: TaskEvent, c: Colors): string | null {
  const p = (event.payload ?? {}) as Payload;
  const tag = c.dim(`[${event.kind}]`);
  const line = (text: string) => `${tag} ${text}`;
  switch (event.type) {
    case 'log':
      return line(oneLine(str(p.message), 200));
    case 'routing':
      return line(
        c.cyan(`routed to ${str(p.provider)}/${str(p.model)}`) +
          (p.credential ? c.dim(` (credential: ${str(p.credential)})`) : ''),
      );
    case 'assistant_text':
      return line(oneLine(str(p.text), 200));
    case 'reasoning':
      return line(c.dim(`thinking: ${oneLine(str(p.text), 120)}`));
    case 'tool_call':
      return line(`→ ${str(p.name)} ${c.dim(oneLine(JSON.stringify(p.arguments ?? {}), 120))}`);
    case 'tool_result': {
      const content = str(p.content);
      return p.isError
        ? line(c.yellow(`← ${str(p.name)} failed: ${oneLine(content, 160)}`))
        : line(c.dim(`← ${str(p.name)} ok (${content.length} chars)`));
    }
    case 'usage': {
      const cost = typeof p.costUsd === 'number' ? ` · $${p.costUsd.toFixed(4)}` : '';
      return line(
        c.dim(
          `${str(p.provider)}/${str(p.model)}: ${num(p.inputTokens)} in, ${num(p.outputTokens)} out${cost}`,
        ),
      );
    }
    case 'retry': {
      const error = (p.error ?? {}) as Payload;
      return line(
        c.yellow(
          `retry in ${Math.round(num(p.waitMs) / 100) / 10} s after ${str(error.class)}: ${oneLine(str(error.message), 160)}`,
        ),
      );
    }
    case 'fallback':
      return line(c.yellow(`fallback ${ref(p.from)} → ${ref(p.to)}: ${oneLine(str(p.reason), 160)}`));
    case 'error':
      return line(c.red(`error (${str(p.class)}): ${oneLine(str(p.message), 300)}`));
    default:
      return null;
  }
}
