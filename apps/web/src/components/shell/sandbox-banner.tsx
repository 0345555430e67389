'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/states';
import { useTRPC } from '@/trpc/react';

/**
 * Shown on every page while a worker runs this team's agent commands without the OS sandbox
 * (SWITCHYARD_SANDBOX=off, recorded on each run): those commands could read the worker's files
 * and secrets. Nothing shows when the query fails: the pages say that themselves.
 */
export function SandboxBanner() {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.stats.sandbox.queryOptions({ days: 7 }), refetchInterval: 60_000 });
  if (!status.data || status.data.unsandboxedRuns === 0) return null;
  const { unsandboxedRuns, lastUnsandboxedAt } = status.data;
  return (
    <div className="mb-6">
      <Alert tone="warning" testId="sandbox-warning">
        <strong>Agent commands ran without a sandbox.</strong> {unsandboxedRuns} run
        {unsandboxedRuns === 1 ? '' : 's'} of this team in the last 7 days
        {lastUnsandboxedAt ? ` (last ${new Date(lastUnsandboxedAt).toLocaleString()})` : ''} ran on a worker
        started with <code>SWITCHYARD_SANDBOX=off</code>: their commands could read that machine&apos;s files
        and secrets. Ask the operator to install bubblewrap and unset the variable.
      </Alert>
    </div>
  );
}
