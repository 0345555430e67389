'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { TaskStatusBadge } from '@/components/tasks/task-status-badge';
import { Card, CardHeader } from '@/components/ui/card';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { formatCost, formatDateTime, formatTokens } from '@/lib/format';
import { SETTLED_STATUSES } from '@/lib/task-status';
import { useTRPC } from '@/trpc/react';
import { Artifacts } from './artifacts';
import { BranchDelivery } from './branch-delivery';
import { DiffView } from './diff-view';
import { LiveLog } from './live-log';
import { PhaseTimeline } from './phase-timeline';
import { TaskActions } from './task-actions';

export function TaskDetailView({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.tasks.get.queryOptions({ taskId }),
    // Poll the timeline while the task runs; the log streams on its own.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      const running = data.runs.some((r) => r.status === 'pending' || r.status === 'running');
      return running || !SETTLED_STATUSES.includes(data.task.status) ? 1500 : false;
    },
    staleTime: 0,
  });
  const [tab, setTab] = useState<string | null>(null);

  if (detail.isPending) return <Loading label="Loading the task…" />;
  if (detail.isError)
    return (
      <div className="space-y-4">
        <ErrorState
          title="The task could not be loaded."
          error={detail.error}
          onRetry={() => detail.refetch()}
        />
        <Link href="/" className="text-sm text-indigo-600 hover:underline">
          ← Back to the board
        </Link>
      </div>
    );

  const { task, runs, artifacts, diff } = detail.data;
  const settled = SETTLED_STATUSES.includes(task.status);
  const activeTab = tab ?? (settled && diff ? 'diff' : 'log');
  // Per-provider totals of this task, from its runs.
  const byProvider = new Map<string, { tokens: number; cost: number }>();
  for (const run of runs) {
    const provider = run.routing?.final.provider;
    if (!provider) continue;
    const t = byProvider.get(provider) ?? { tokens: 0, cost: 0 };
    t.tokens += run.inputTokens + run.outputTokens;
    t.cost += run.costUsd;
    byProvider.set(provider, t);
  }

  return (
    <div className="space-y-6">
      <div>
        <Link href="/" className="text-sm text-slate-500 hover:text-slate-800">
          ← Task board
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight" data-testid="task-title">
                {task.title}
              </h1>
              <TaskStatusBadge status={task.status} />
            </div>
            <p className="mt-1 text-sm text-slate-500">
              {task.projectName} · created {formatDateTime(task.createdAt)}
            </p>
            <BranchDelivery delivery={task.delivery} />
            {task.statusReason && (
              <p
                className="mt-2 max-w-3xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
                data-testid="task-status-reason"
              >
                {task.statusReason}
              </p>
            )}
          </div>
          <TaskActions detail={detail.data} />
        </div>
      </div>

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="task-totals">
        <Stat label="Tokens in" value={formatTokens(task.inputTokens)} />
        <Stat label="Tokens out" value={formatTokens(task.outputTokens)} />
        <Stat label="Cost" value={formatCost(task.costUsd)} testId="task-cost" />
        <Stat label="Budget" value={task.budgetUsd === null ? 'none' : formatCost(task.budgetUsd)} />
      </div>
      {byProvider.size > 0 && (
        <div className="flex flex-wrap gap-2 text-xs text-slate-600" data-testid="task-providers">
          {[...byProvider.entries()].map(([provider, t]) => (
            <span
              key={provider}
              className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1"
            >
              <ProviderBadge provider={provider} />
              {formatTokens(t.tokens)} tokens · {formatCost(t.cost)}
            </span>
          ))}
        </div>
      )}

      <Card>
        <CardHeader
          title="Phase timeline"
          description="One row per phase run, in the order they were queued."
        />
        <PhaseTimeline taskId={task.id} runs={runs} />
      </Card>

      <Tabs value={activeTab} onValueChange={setTab}>
        <TabsList>
          <TabsTrigger value="log">Live log</TabsTrigger>
          <TabsTrigger value="diff">Changes{diff ? '' : ' (none yet)'}</TabsTrigger>
          <TabsTrigger value="artifacts">Artifacts ({artifacts.length})</TabsTrigger>
          <TabsTrigger value="description">Description</TabsTrigger>
        </TabsList>
        <TabsContent value="log" forceMount className="data-[state=inactive]:hidden">
          <LiveLog taskId={task.id} />
        </TabsContent>
        <TabsContent value="diff">
          {diff?.content.trim() ? (
            <DiffView diff={diff.content} />
          ) : (
            <EmptyState title="No changes yet">
              The worktree diff against the base branch appears after a coding run.
            </EmptyState>
          )}
        </TabsContent>
        <TabsContent value="artifacts">
          <Artifacts taskId={task.id} artifacts={artifacts} />
        </TabsContent>
        <TabsContent value="description">
          <Card className="p-5">
            <p className="text-sm whitespace-pre-wrap text-slate-700">{task.description}</p>
          </Card>
        </TabsContent>
      </Tabs>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}
