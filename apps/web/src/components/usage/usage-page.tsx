'use client';

import { useState } from 'react';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatCost, formatTokens, phaseLabel } from '@/lib/format';
import { totalsBy } from '@/lib/usage';
import { UsageChart } from './usage-chart';
import { useUsage } from './use-usage';

export function UsagePage() {
  const [days, setDays] = useState(30);
  const usage = useUsage(days);
  return (
    <div>
      <PageHeader
        title="Usage"
        description="Cost and tokens over time, by provider and by phase."
        actions={
          <NativeSelect
            aria-label="Period"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            className="w-40"
          >
            <option value={7}>Last 7 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
          </NativeSelect>
        }
      />
      {usage.status === 'pending' ? (
        <Loading label="Loading usage…" />
      ) : usage.status === 'error' ? (
        <ErrorState title="Usage could not be loaded." error={usage.error} onRetry={usage.refetch} />
      ) : usage.points.length === 0 ? (
        <EmptyState title="No usage in this period">
          Costs and tokens appear here once tasks have run.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <Card>
              <CardHeader title="Cost by provider" />
              <CardBody>
                <UsageChart points={usage.points} by="provider" measure="costUsd" days={days} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Tokens by provider" />
              <CardBody>
                <UsageChart points={usage.points} by="provider" measure="tokens" days={days} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Cost by phase" />
              <CardBody>
                <UsageChart points={usage.points} by="phase" measure="costUsd" days={days} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Tokens by phase" />
              <CardBody>
                <UsageChart points={usage.points} by="phase" measure="tokens" days={days} />
              </CardBody>
            </Card>
          </div>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            {(['provider', 'phase'] as const).map((by) => (
              <Table key={by} data-testid={`usage-totals-${by}`}>
                <thead>
                  <tr>
                    <Th className="capitalize">{by}</Th>
                    <Th className="text-right">Input</Th>
                    <Th className="text-right">Output</Th>
                    <Th className="text-right">Cost</Th>
                  </tr>
                </thead>
                <tbody>
                  {totalsBy(usage.points, by).map((t) => (
                    <tr key={t.key}>
                      <Td>
                        {by === 'provider' ? (
                          <ProviderBadge provider={t.key} />
                        ) : (
                          <span>{phaseLabel(t.key)}</span>
                        )}
                      </Td>
                      <Td className="text-right tabular-nums">{formatTokens(t.inputTokens)}</Td>
                      <Td className="text-right tabular-nums">{formatTokens(t.outputTokens)}</Td>
                      <Td className="text-right font-medium tabular-nums">{formatCost(t.costUsd)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
