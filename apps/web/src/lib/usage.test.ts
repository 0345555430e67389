import { describe, expect, it } from 'vitest';
import { seriesBy, totalsBy, type UsagePoint } from './usage';

const points: UsagePoint[] = [
  {
    date: '2026-11-25',
    provider: 'anthropic',
    phase: 'planning',
    inputTokens: 100,
    outputTokens: 10,
    costUsd: 0.5,
  },
  { date: '2026-11-26', provider: 'zai', phase: 'coding', inputTokens: 300, outputTokens: 30, costUsd: 0.1 },
  {
    date: '2026-11-26',
    provider: 'anthropic',
    phase: 'spec',
    inputTokens: 50,
    outputTokens: 5,
    costUsd: 0.25,
  },
];

describe('usage aggregation for the charts', () => {
  it('totals per provider, largest cost first', () => {
    expect(totalsBy(points, 'provider')).toEqual([
      { key: 'anthropic', inputTokens: 150, outputTokens: 15, costUsd: 0.75 },
      { key: 'zai', inputTokens: 300, outputTokens: 30, costUsd: 0.1 },
    ]);
  });

  it('has one row per day of the window, empty days at zero', () => {
    const { rows, keys } = seriesBy(points, 'phase', 'tokens', 3, new Date('2026-11-26T12:00:00Z'));
    expect(keys).toEqual(['coding', 'planning', 'spec']);
    expect(rows).toEqual([
      { date: '2026-11-24', coding: 0, planning: 0, spec: 0 },
      { date: '2026-11-25', coding: 0, planning: 110, spec: 0 },
      { date: '2026-11-26', coding: 330, planning: 0, spec: 55 },
    ]);
  });
});
