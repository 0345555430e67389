'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RunRouting } from '@/components/tasks/types';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { ErrorState, Loading } from '@/components/ui/states';
import { formatDuration } from '@/lib/format';
import { useTRPC } from '@/trpc/react';

type Decision = RunRouting;

const KEY_CHOICE: Record<string, string> = {
  chosen: 'text-slate-600',
  switched: 'text-sky-800',
  waited: 'text-amber-800',
  exhausted: 'text-red-700',
};

const OUTCOME: Record<string, string> = {
  chosen: 'bg-emerald-50 text-emerald-700',
  mapped: 'bg-sky-50 text-sky-700',
  shadowed: 'text-slate-400',
  unset: 'text-slate-400',
  ignored: 'text-amber-700',
};

function summary(d: Decision): string {
  const credential =
    d.credential.kind === 'env' ? `worker env ${d.credential.envName}` : d.credential.kind.replace('_', ' ');
  const budget = d.thinking.budgetTokens ? ` (${d.thinking.budgetTokens} tokens)` : '';
  return `${d.model} over ${d.protocol} at ${d.baseUrl ?? '(no base URL)'} · credential: ${credential} · thinking ${d.thinking.level}${budget}`;
}

/** "Why this provider?" of one run: its routing decision, loaded when the row is opened. */
export function RunRoutingTrace(props: { taskId: string; runId: string; running: boolean }) {
  const trpc = useTRPC();
  const decision = useQuery({
    ...trpc.tasks.runRouting.queryOptions({ taskId: props.taskId, runId: props.runId }),
    // A running run's decision grows (calls, fallback hops): follow it as the timeline does.
    refetchInterval: props.running ? 1500 : false,
  });
  // …and read it once more when the run ends, for its last calls.
  const wasRunning = useRef(props.running);
  const { refetch } = decision;
  useEffect(() => {
    if (wasRunning.current && !props.running) void refetch();
    wasRunning.current = props.running;
  }, [props.running, refetch]);
  if (decision.isPending) return <Loading label="Loading the routing decision…" />;
  if (decision.isError)
    return (
      <ErrorState
        title="The routing decision could not be loaded."
        error={decision.error}
        onRetry={() => decision.refetch()}
      />
    );
  if (!decision.data) return <p className="text-xs text-slate-500">Not resolved yet.</p>;
  return <RoutingTrace decision={decision.data} />;
}

/** "Why this provider?": every precedence step the routing considered, what won, retries and hops. */
export function RoutingTrace({ decision }: { decision: Decision }) {
  return (
    <div className="space-y-3 text-xs" data-testid="routing-trace">
      <p className="text-slate-600">
        <ProviderBadge provider={decision.provider} label={decision.providerLabel} /> {summary(decision)}
      </p>
      <table className="w-full">
        <thead className="text-left text-slate-400">
          <tr>
            <th className="py-1 pr-2 font-medium">field</th>
            <th className="py-1 pr-2 font-medium">step</th>
            <th className="py-1 pr-2 font-medium">value</th>
            <th className="py-1 pr-2 font-medium">outcome</th>
            <th className="py-1 font-medium">reason</th>
          </tr>
        </thead>
        <tbody>
          {decision.trace.map((step, i) => (
            <tr key={i} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-2 text-slate-500">{step.field}</td>
              <td className="py-1 pr-2 font-mono">{step.step}</td>
              <td className="py-1 pr-2 font-mono">{step.value ?? '—'}</td>
              <td className="py-1 pr-2">
                <span className={`rounded px-1 ${OUTCOME[step.outcome] ?? ''}`}>{step.outcome}</span>
              </td>
              <td className="py-1 text-slate-600">{step.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {decision.warnings.length > 0 && (
        <ul className="list-inside list-disc text-amber-800">
          {decision.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {decision.pool && decision.pool.length > 1 && (
        <p className="text-slate-600" data-testid="routing-pool">
          Key pool:{' '}
          {decision.pool.map((m) => `${m.label} (position ${m.position}, weight ${m.weight})`).join(' → ')}
          {decision.keyPolicy &&
            ` · waits up to ${decision.keyPolicy.waitMaxSeconds} s for a reset, keeps a ${decision.keyPolicy.reservePercent} % reserve`}
        </p>
      )}
      {decision.fallbacks.length > 0 && (
        <p className="text-slate-600">
          Fallbacks: {decision.fallbacks.map((f) => `${f.provider}/${f.model}`).join(' → ')}
        </p>
      )}
      {decision.attempts.length > 0 && (
        <div>
          <p className="font-medium text-slate-700">Calls</p>
          <ul className="mt-1 space-y-0.5 font-mono">
            {decision.attempts.map((a) => (
              <li
                key={`${a.at}-${a.turn}-${a.attempt}`}
                className={a.outcome === 'error' ? 'text-red-700' : 'text-slate-600'}
              >
                turn {a.turn} · attempt {a.attempt} · {a.provider}/{a.model}
                {a.credentialLabel ? ` · key ${a.credentialLabel}` : ''} · {a.outcome} ·{' '}
                {formatDuration(Math.round(a.latencyMs))}
                {a.errorClass ? ` · ${a.errorClass}${a.message ? `: ${a.message}` : ''}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(decision.keys ?? []).length > 0 && (
        <div data-testid="routing-keys">
          <p className="font-medium text-slate-700">Keys</p>
          <ul className="mt-1 space-y-0.5">
            {(decision.keys ?? []).map((k) => (
              <li
                key={`${k.at}-${k.turn}-${k.kind}-${k.credentialId ?? 'none'}`}
                className={KEY_CHOICE[k.kind] ?? ''}
              >
                turn {k.turn} · {k.provider} · {k.kind}
                {k.label ? ` ${k.label}` : k.kind === 'exhausted' ? ' (no key left)' : ''}: {k.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {decision.hops.length > 0 && (
        <div>
          <p className="font-medium text-slate-700">Fallback hops</p>
          <ul className="mt-1 space-y-0.5">
            {decision.hops.map((h) => (
              <li key={`${h.at}-${h.to.provider}-${h.to.model}`} className="text-amber-800">
                {h.from.provider}/{h.from.model} → {h.to.provider}/{h.to.model}
                {h.skipped ? ' (skipped)' : ''}: {h.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
