'use client';

import { ProviderBadge } from '@/components/ui/provider-badge';
import { formatCost, formatTokens } from '@/lib/format';
import { totalsBy } from '@/lib/usage';
import { useUsage } from './use-usage';

/** Cost and tokens of the last 30 days, per provider (the board's summary strip). */
export function UsageByProvider() {
  const usage = useUsage(30);
  if (usage.status !== 'success') return null;
  const totals = totalsBy(usage.points, 'provider');
  if (totals.length === 0) return null;
  return (
    <section data-testid="usage-by-provider" aria-label="Cost and tokens by provider" className="mb-6">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Cost and tokens by provider · last 30 days
      </h2>
      <div className="flex flex-wrap gap-3">
        {totals.map((t) => (
          <div
            key={t.key}
            className="min-w-44 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
          >
            <ProviderBadge provider={t.key} />
            <p className="mt-2 text-lg font-semibold text-slate-900 tabular-nums">{formatCost(t.costUsd)}</p>
            <p className="text-xs text-slate-500 tabular-nums">
              {formatTokens(t.inputTokens)} in · {formatTokens(t.outputTokens)} out
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}
