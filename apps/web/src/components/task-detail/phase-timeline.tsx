'use client';

import { Fragment, useState } from 'react';
import type { TaskRun } from '@/components/tasks/types';
import { Badge } from '@/components/ui/badge';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { formatCost, formatDuration, formatTokens } from '@/lib/format';
import { RUN_STATUS_STYLE } from '@/lib/task-status';
import { RunRoutingTrace } from './routing-trace';

/**
 * One row per phase run: provider, model, status, duration, tokens, cost, attempts and fallbacks, from
 * the summary of each run's routing decision; "Why this provider?" loads the whole decision.
 */
export function PhaseTimeline({ taskId, runs }: { taskId: string; runs: TaskRun[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (runs.length === 0)
    return <p className="px-5 py-6 text-sm text-slate-500">No phase has been queued yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="phase-timeline">
        <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2 font-medium">Phase</th>
            <th className="px-4 py-2 font-medium">Provider · model</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 text-right font-medium">Duration</th>
            <th className="px-4 py-2 text-right font-medium">Tokens in / out</th>
            <th className="px-4 py-2 text-right font-medium">Cost</th>
            <th className="px-4 py-2 text-right font-medium">Attempts</th>
            <th className="px-4 py-2 font-medium">Fallbacks</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const d = run.routing;
            const hops = d?.hops ?? [];
            return (
              <Fragment key={run.id}>
                <tr
                  className="border-t border-slate-100 align-top"
                  data-testid="phase-run"
                  data-phase={run.phase}
                >
                  <td className="px-4 py-2.5">
                    <span className="font-medium capitalize">{run.phase === 'qa' ? 'QA' : run.phase}</span>
                    <span className="block font-mono text-xs text-slate-500">
                      {run.kind}
                      {run.iteration > 1 ? ` #${run.iteration}` : ''}
                      {run.subtaskId ? ` · ${run.subtaskId}` : ''}
                    </span>
                  </td>
                  <td className="px-4 py-2.5">
                    {d ? (
                      <span className="flex flex-wrap items-center gap-1.5">
                        <ProviderBadge
                          provider={d.final.provider}
                          label={hops.length > 0 ? d.final.provider : d.providerLabel}
                        />
                        <span className="font-mono text-xs whitespace-nowrap" data-testid="run-model">
                          {d.final.model}
                        </span>
                      </span>
                    ) : (
                      <span className="text-xs text-slate-400">not resolved yet</span>
                    )}
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge className={RUN_STATUS_STYLE[run.status]} data-testid="run-status">
                      {run.status}
                    </Badge>
                    {run.errorMessage && (
                      <p className="mt-1 max-w-xs text-xs text-red-700" title={run.errorClass ?? undefined}>
                        {run.errorMessage}
                      </p>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{formatDuration(run.durationMs)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums" data-testid="run-tokens">
                    {formatTokens(run.inputTokens)} / {formatTokens(run.outputTokens)}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums" data-testid="run-cost">
                    {formatCost(run.costUsd)}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">
                    {run.attempt}/{run.maxAttempts}
                    {d && d.calls > 0 && (
                      <span className="block text-xs text-slate-500">
                        {d.calls} call{d.calls === 1 ? '' : 's'}
                        {d.failedCalls > 0 ? `, ${d.failedCalls} failed` : ''}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-xs">
                    {hops.length > 0 ? (
                      <span className="text-amber-800">
                        {hops.map((h) => `→ ${h.provider}/${h.model}`).join(' ')}
                      </span>
                    ) : d && d.fallbacks > 0 ? (
                      <span className="text-slate-500">{d.fallbacks} ready, none used</span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right">
                    {d && (
                      <button
                        type="button"
                        className="text-xs font-medium whitespace-nowrap text-indigo-600 hover:underline"
                        aria-expanded={open === run.id}
                        onClick={() => setOpen(open === run.id ? null : run.id)}
                      >
                        Why this provider?
                      </button>
                    )}
                  </td>
                </tr>
                {open === run.id && d && (
                  <tr className="bg-slate-50/60">
                    <td colSpan={9} className="px-4 py-3">
                      <RunRoutingTrace
                        taskId={taskId}
                        runId={run.id}
                        running={run.status === 'pending' || run.status === 'running'}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
