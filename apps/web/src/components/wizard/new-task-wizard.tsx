'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Route } from 'next';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, NativeSelect, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useDebounced } from '@/lib/use-debounced';
import { routingIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';
import { EMPTY_OVERRIDES, type Overrides, PhaseOverrides, routingFromOverrides } from './phase-overrides';
import { RoutingPreviewPanel } from './routing-preview';

export function NewTaskWizard() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const profiles = useQuery(trpc.profiles.list.queryOptions());
  const credentials = useQuery(trpc.credentials.list.queryOptions());

  const [projectId, setProjectId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [profileId, setProfileId] = useState('');
  const [overrides, setOverrides] = useState<Overrides>(EMPTY_OVERRIDES);
  const [budget, setBudget] = useState('');

  const chosenProject = projectId || projects.data?.[0]?.id || '';
  const budgetUsd = budget.trim() === '' ? null : Number(budget);
  const budgetError =
    budgetUsd !== null && !(Number.isFinite(budgetUsd) && budgetUsd > 0)
      ? 'A positive amount in dollars.'
      : null;

  const draft = useMemo(
    () => ({
      projectId: chosenProject || null,
      profileId: profileId || null,
      routing: routingFromOverrides(overrides),
      budgetUsd: budgetError ? null : budgetUsd,
    }),
    [chosenProject, profileId, overrides, budgetUsd, budgetError],
  );
  const debouncedDraft = useDebounced(draft, 300);
  const settled = debouncedDraft === draft;
  const preview = useQuery({
    ...trpc.routing.preview.queryOptions(debouncedDraft),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const create = useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: async ({ task }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() });
        router.push(`/tasks/${task.id}` as Route);
      },
    }),
  );

  const previewReady = settled && !preview.isFetching && preview.data !== undefined && !preview.isError;
  const blockedByPreview = !previewReady || !preview.data?.ok;
  const canCreate =
    chosenProject !== '' &&
    title.trim() !== '' &&
    description.trim() !== '' &&
    !budgetError &&
    !blockedByPreview;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canCreate) return;
    create.mutate({
      projectId: chosenProject,
      title: title.trim(),
      description: description.trim(),
      profileId: profileId || null,
      routing: draft.routing,
      budgetUsd: draft.budgetUsd,
    });
  };

  if (projects.isPending || profiles.isPending) return <Loading label="Loading projects and profiles…" />;
  if (projects.isError)
    return (
      <ErrorState
        title="Projects could not be loaded."
        error={projects.error}
        onRetry={() => projects.refetch()}
      />
    );
  if (profiles.isError)
    return (
      <ErrorState
        title="Profiles could not be loaded."
        error={profiles.error}
        onRetry={() => profiles.refetch()}
      />
    );

  const customProviders = [...new Set((credentials.data ?? []).map((c) => c.provider))];
  const createIssues = routingIssuesOf(create.error).filter((i) => i.severity === 'error');

  return (
    <form onSubmit={submit} aria-label="New task">
      <PageHeader
        title="New task"
        description="Describe the change, pick a profile, and check where each phase will run before you queue it."
      />
      {projects.data.length === 0 ? (
        <EmptyState
          title="No project yet"
          action={
            <Button asChild variant="primary">
              <Link href="/projects">Add a project</Link>
            </Button>
          }
        >
          A task works in a git worktree of a project's repository. Add one first.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
          <div className="space-y-6">
            <Card>
              <CardHeader title="1. What to do" />
              <CardBody className="space-y-4">
                <Field label="Project" htmlFor="task-project">
                  <NativeSelect
                    id="task-project"
                    value={chosenProject}
                    onChange={(e) => setProjectId(e.target.value)}
                  >
                    {projects.data.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
                <Field label="Title" htmlFor="task-title">
                  <Input
                    id="task-title"
                    value={title}
                    maxLength={200}
                    onChange={(e) => setTitle(e.target.value)}
                    placeholder="Add a --json flag to the export command"
                  />
                </Field>
                <Field
                  label="Description"
                  htmlFor="task-description"
                  hint="What the agent should build, and how to know it is done."
                >
                  <Textarea
                    id="task-description"
                    value={description}
                    rows={5}
                    onChange={(e) => setDescription(e.target.value)}
                  />
                </Field>
              </CardBody>
            </Card>
            <Card>
              <CardHeader
                title="2. Routing"
                description="A profile sets each phase's provider, model and thinking; override any phase for this task."
              />
              <CardBody className="space-y-4">
                <Field label="Agent profile" htmlFor="task-profile">
                  <NativeSelect
                    id="task-profile"
                    value={profileId}
                    onChange={(e) => setProfileId(e.target.value)}
                  >
                    <option value="">No profile (team and built-in defaults)</option>
                    {profiles.data.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                        {p.builtin ? ' (built-in)' : ''}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
                <PhaseOverrides value={overrides} onChange={setOverrides} extraProviders={customProviders} />
                <Field
                  label="Budget (USD, optional)"
                  htmlFor="task-budget"
                  error={budgetError}
                  hint="The task stops as blocked before a call that would exceed it."
                  className="max-w-xs"
                >
                  <Input
                    id="task-budget"
                    inputMode="decimal"
                    placeholder="e.g. 5"
                    value={budget}
                    onChange={(e) => setBudget(e.target.value)}
                  />
                </Field>
              </CardBody>
            </Card>
          </div>
          <div className="space-y-4 lg:sticky lg:top-6 lg:self-start">
            <Card>
              <CardHeader title="Routing preview" description="Where each phase will run, and why." />
              <CardBody>
                <RoutingPreviewPanel
                  preview={preview.data}
                  isFetching={preview.isFetching || !settled}
                  error={preview.error}
                />
              </CardBody>
            </Card>
            {create.isError && (
              <Alert tone="error" testId="create-error">
                <p className="font-medium">The task was not created.</p>
                {createIssues.length > 0 ? (
                  <ul className="mt-1 list-inside list-disc">
                    {createIssues.map((i) => (
                      <li key={i.message}>{i.message}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1">{create.error.message}</p>
                )}
              </Alert>
            )}
            <Button
              type="submit"
              variant="primary"
              size="lg"
              className="w-full"
              disabled={!canCreate || create.isPending}
            >
              {create.isPending ? 'Creating…' : 'Create task'}
            </Button>
            {!canCreate && previewReady && preview.data?.ok && (
              <p className="text-center text-xs text-slate-500">Give the task a title and a description.</p>
            )}
          </div>
        </div>
      )}
    </form>
  );
}
