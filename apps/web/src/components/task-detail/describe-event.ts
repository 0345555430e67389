import type { TaskEvent } from '@/components/tasks/types';

export interface EventLine {
  label: string;
  text: string;
  tone: 'text' | 'muted' | 'tool' | 'result' | 'warn' | 'error' | 'routing';
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
const ref = (v: unknown) => {
  const r = obj(v);
  return `${str(r.provider)}/${str(r.model)}`;
};

/** One log line for a stored event: what happened, in words, never the raw JSON unless it is the point. */
export function describeEvent(event: TaskEvent): EventLine {
  const p = obj(event.payload);
  switch (event.type) {
    case 'assistant_text':
      return { label: 'assistant', text: str(p.text), tone: 'text' };
    case 'reasoning':
      return { label: 'thinking', text: str(p.text), tone: 'muted' };
    case 'tool_call':
      return { label: `tool ${str(p.name)}`, text: JSON.stringify(p.arguments ?? {}, null, 0), tone: 'tool' };
    case 'tool_result':
      return {
        label: `${p.isError ? 'tool error' : 'result'} ${str(p.name)}`,
        text: str(p.content),
        tone: p.isError ? 'error' : 'result',
      };
    case 'routing':
      return {
        label: 'routing',
        text: `${str(p.providerLabel || p.provider)} · ${str(p.model)} · credential: ${str(p.credential)}`,
        tone: 'routing',
      };
    case 'retry': {
      const error = obj(p.error);
      const attempt = obj(p.attempt);
      return {
        label: 'retry',
        text: `attempt ${str(attempt.attempt)} on ${ref(attempt)} failed (${str(error.class)}): ${str(error.message)}; retrying in ${Math.round(Number(p.waitMs ?? 0))} ms`,
        tone: 'warn',
      };
    }
    case 'fallback':
      return { label: 'fallback', text: `${ref(p.from)} → ${ref(p.to)}: ${str(p.reason)}`, tone: 'warn' };
    case 'usage':
      return {
        label: 'usage',
        text: `${ref(p)} · ${str(p.inputTokens)} in / ${str(p.outputTokens)} out${p.costUsd != null ? ` · $${Number(p.costUsd).toFixed(4)}` : ''}`,
        tone: 'muted',
      };
    case 'log':
      return { label: 'log', text: str(p.message), tone: 'muted' };
    case 'error':
      return { label: 'error', text: `${str(p.class)}: ${str(p.message)}`, tone: 'error' };
    default:
      return { label: String(event.type), text: JSON.stringify(event.payload), tone: 'muted' };
  }
}
