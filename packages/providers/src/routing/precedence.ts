import type { TraceStep } from './schemas';

export interface Candidate<T extends string> {
  step: string;
  value: T | null | undefined;
}

/**
 * The first candidate with a value wins. Every candidate is traced: the winner as `chosen`, later
 * ones with a value as `shadowed`, empty ones as `unset`, so "why this provider?" has an answer.
 */
export function pickFirst<T extends string>(
  field: TraceStep['field'],
  candidates: readonly Candidate<T>[],
  trace: TraceStep[],
): { value: T; step: string } | undefined {
  let winner: { value: T; step: string } | undefined;
  for (const { step, value } of candidates) {
    const v = typeof value === 'string' && value.trim() ? value : null;
    if (v === null) {
      trace.push({ field, step, value: null, outcome: 'unset', reason: 'not set' });
    } else if (!winner) {
      winner = { value: v, step };
      trace.push({ field, step, value: v, outcome: 'chosen', reason: `first set step wins` });
    } else {
      trace.push({ field, step, value: v, outcome: 'shadowed', reason: `overridden by ${winner.step}` });
    }
  }
  return winner;
}
