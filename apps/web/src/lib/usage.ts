/** One row of `stats.usage`: a day's usage of one provider in one phase. */
export interface UsagePoint {
  date: string;
  provider: string;
  phase: 'spec' | 'planning' | 'coding' | 'qa';
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface UsageTotal {
  key: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Totals per provider (or per phase), largest cost first. */
export function totalsBy(points: readonly UsagePoint[], by: 'provider' | 'phase'): UsageTotal[] {
  const totals = new Map<string, UsageTotal>();
  for (const p of points) {
    const key = p[by];
    const t = totals.get(key) ?? { key, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    t.inputTokens += p.inputTokens;
    t.outputTokens += p.outputTokens;
    t.costUsd += p.costUsd;
    totals.set(key, t);
  }
  return [...totals.values()].sort((a, b) => b.costUsd - a.costUsd || a.key.localeCompare(b.key));
}

/**
 * Rows for a stacked chart: one per day of the window (days without usage included, at zero), with
 * one column per provider or phase holding the chosen measure.
 */
export function seriesBy(
  points: readonly UsagePoint[],
  by: 'provider' | 'phase',
  measure: 'costUsd' | 'tokens',
  days: number,
  today = new Date(),
): { rows: Record<string, number | string>[]; keys: string[] } {
  const keys = [...new Set(points.map((p) => p[by]))].sort();
  const rows = new Map<string, Record<string, number | string>>();
  for (let i = days - 1; i >= 0; i--) {
    const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i))
      .toISOString()
      .slice(0, 10);
    rows.set(date, Object.fromEntries([['date', date], ...keys.map((k) => [k, 0])]));
  }
  for (const p of points) {
    const row = rows.get(p.date) ?? Object.fromEntries([['date', p.date], ...keys.map((k) => [k, 0])]);
    const value = measure === 'costUsd' ? p.costUsd : p.inputTokens + p.outputTokens;
    row[p[by]] = (Number(row[p[by]]) || 0) + value;
    rows.set(p.date, row);
  }
  return { rows: [...rows.values()].sort((a, b) => String(a.date).localeCompare(String(b.date))), keys };
}
