'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PROVIDER_CHART_COLORS } from '@/components/ui/provider-badge';
import { formatCost, formatCostTick, formatTokens } from '@/lib/format';
import { seriesBy, type UsagePoint } from '@/lib/usage';

const PHASE_COLORS: Record<string, string> = {
  spec: '#6366f1',
  planning: '#0ea5e9',
  coding: '#f59e0b',
  qa: '#10b981',
};
const FALLBACK = ['#64748b', '#a855f7', '#ec4899', '#84cc16'];

/** A stacked daily bar chart of cost or tokens, by provider or by phase. */
export function UsageChart(props: {
  points: UsagePoint[];
  by: 'provider' | 'phase';
  measure: 'costUsd' | 'tokens';
  days: number;
}) {
  const { rows, keys } = seriesBy(props.points, props.by, props.measure, props.days);
  const format = props.measure === 'costUsd' ? formatCost : formatTokens;
  const color = (key: string, i: number) =>
    (props.by === 'provider' ? PROVIDER_CHART_COLORS[key] : PHASE_COLORS[key]) ??
    FALLBACK[i % FALLBACK.length];
  return (
    <div className="h-72 w-full" data-testid={`chart-${props.measure}-by-${props.by}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="date"
            tickFormatter={(d: string) => d.slice(5)}
            tick={{ fontSize: 11, fill: '#64748b' }}
          />
          <YAxis
            tickFormatter={(v: number) => (props.measure === 'costUsd' ? formatCostTick(v) : formatTokens(v))}
            tick={{ fontSize: 11, fill: '#64748b' }}
            width={64}
          />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((key, i) => (
            <Bar key={key} dataKey={key} stackId="usage" fill={color(key, i)} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
