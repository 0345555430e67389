'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCatalog } from '@/components/shell/catalog-context';
import type { TaskDetail } from '@/components/tasks/types';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { NativeSelect } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Alert } from '@/components/ui/states';
import {
  EMPTY_OVERRIDES,
  type Overrides,
  type Phase,
  PhaseOverrides,
  routingFromOverrides,
} from '@/components/wizard/phase-overrides';
import { RoutingPreviewPanel } from '@/components/wizard/routing-preview';
import { SETTLED_STATUSES } from '@/lib/task-status';
import { useDebounced } from '@/lib/use-debounced';
import { routingIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const RETRYABLE = new Set(['failed', 'blocked', 'cancelled']);

/** Cancel, retry a phase, or rerun from a phase with new routing. */
export function TaskActions({ detail }: { detail: TaskDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ taskId: detail.task.id }) });
  const cancel = useMutation(trpc.tasks.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.tasks.retryPhase.mutationOptions({ onSuccess: refresh }));
  const [rerunOpen, setRerunOpen] = useState(false);

  const settled = SETTLED_STATUSES.includes(detail.task.status);
  // The last run of each phase: a failed/blocked/cancelled one can be retried as is.
  const lastByPhase = new Map<string, string>();
  for (const run of detail.runs) lastByPhase.set(run.phase, run.status);
  const retryable = [...lastByPhase.entries()]
    .filter(([, status]) => RETRYABLE.has(status))
    .map(([phase]) => phase as Phase);
  const error = cancel.error ?? retry.error;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {retryable.map((phase) => (
          <Button
            key={phase}
            variant="outline"
            size="sm"
            disabled={retry.isPending}
            onClick={() => retry.mutate({ taskId: detail.task.id, phase })}
          >
            Retry {phase}
          </Button>
        ))}
        <Button variant="outline" size="sm" onClick={() => setRerunOpen(true)}>
          Rerun from phase…
        </Button>
        {!settled && (
          <Button
            variant="destructive"
            size="sm"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ taskId: detail.task.id })}
          >
            {cancel.isPending ? 'Cancelling…' : 'Cancel task'}
          </Button>
        )}
      </div>
      {error && <Alert tone="error">{error.message}</Alert>}
      {rerunOpen && <RerunDialog detail={detail} onClose={() => setRerunOpen(false)} onDone={refresh} />}
    </div>
  );
}

function RerunDialog({
  detail,
  onClose,
  onDone,
}: {
  detail: TaskDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const catalog = useCatalog();
  const profiles = useQuery(trpc.profiles.list.queryOptions());
  const [phase, setPhase] = useState<Phase>('coding');
  const [profileId, setProfileId] = useState(detail.task.profileId ?? '');
  const [overrides, setOverrides] = useState<Overrides>(EMPTY_OVERRIDES);
  const draft = {
    projectId: detail.task.projectId,
    profileId: profileId || null,
    routing: routingFromOverrides(overrides),
  };
  const debounced = useDebounced(JSON.stringify(draft), 300);
  const preview = useQuery({
    ...trpc.routing.preview.queryOptions(JSON.parse(debounced) as typeof draft),
    placeholderData: keepPreviousData,
  });
  const rerun = useMutation(
    trpc.tasks.rerunFromPhase.mutationOptions({
      onSuccess: () => {
        onDone();
        onClose();
      },
    }),
  );
  const issues = routingIssuesOf(rerun.error);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Rerun from a phase"
      description="Replaces the task's routing and queues the phase again; later phases follow."
      wide
    >
      <div className="space-y-4">
        <div className="grid grid-cols-2 gap-4">
          <Field label="Phase" htmlFor="rerun-phase">
            <NativeSelect id="rerun-phase" value={phase} onChange={(e) => setPhase(e.target.value as Phase)}>
              {catalog.phases.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Agent profile" htmlFor="rerun-profile">
            <NativeSelect id="rerun-profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
              <option value="">No profile</option>
              {profiles.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <PhaseOverrides value={overrides} onChange={setOverrides} idPrefix="rerun" />
        <RoutingPreviewPanel preview={preview.data} isFetching={preview.isFetching} error={preview.error} />
        {rerun.isError && (
          <Alert tone="error">
            {issues.length > 0 ? issues.map((i) => <p key={i.message}>{i.message}</p>) : rerun.error.message}
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={onClose}>
            Close
          </Button>
          <Button
            variant="primary"
            disabled={rerun.isPending || !preview.data?.ok}
            onClick={() =>
              rerun.mutate({
                taskId: detail.task.id,
                phase,
                profileId: profileId || null,
                routing: draft.routing,
              })
            }
          >
            {rerun.isPending ? 'Queuing…' : `Rerun from ${phase}`}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
