'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useCatalog } from '@/components/shell/catalog-context';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { UsageByProvider } from '@/components/usage/usage-by-provider';
import { BOARD_PAGE_SIZE } from '@/lib/board-page-size';
import { BOARD_COLUMNS } from '@/lib/task-status';
import { useTRPC } from '@/trpc/react';
import { RunDemoCard } from './run-demo-button';
import { TaskCard } from './task-card';

const LIVE: readonly string[] = ['queued', 'running'];

export function TaskBoard() {
  const trpc = useTRPC();
  const { demo } = useCatalog();
  const [projectId, setProjectId] = useState<string | null>(null);
  const tasks = useInfiniteQuery({
    ...trpc.tasks.list.infiniteQueryOptions(
      { limit: BOARD_PAGE_SIZE, projectId },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    // Live while anything shown is queued or running; otherwise tasks created elsewhere (a teammate,
    // the CLI, the API) still appear within 15 s.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((t) => LIVE.includes(t.status))) ? 2000 : 15_000,
  });
  const loaded = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const projects = useQuery(trpc.projects.list.queryOptions());
  const profiles = useQuery(trpc.profiles.list.queryOptions());

  const demoProject = projects.data?.find((p) => p.name === demo.projectName);
  const demoProfile = profiles.data?.find((p) => p.builtin && p.name === demo.profileName);
  const profileName = (id: string | null) => profiles.data?.find((p) => p.id === id)?.name ?? null;

  return (
    <div>
      <PageHeader
        title="Task board"
        description="Every task of the team, by status. Each phase runs on the provider and model its routing chose."
        actions={
          <Button asChild variant="primary">
            <Link href="/tasks/new">New task</Link>
          </Button>
        }
      />
      {demoProject && demoProfile && <RunDemoCard projectId={demoProject.id} profileId={demoProfile.id} />}
      <UsageByProvider />
      {(projects.data?.length ?? 0) > 1 && (
        <div className="mb-3 flex items-center gap-2 text-sm text-slate-600">
          <label htmlFor="board-project">Project</label>
          <NativeSelect
            id="board-project"
            className="w-auto"
            value={projectId ?? ''}
            onChange={(e) => setProjectId(e.target.value || null)}
          >
            <option value="">All projects</option>
            {projects.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {tasks.isPending ? (
        <Loading label="Loading tasks…" />
      ) : tasks.isError ? (
        <ErrorState
          title="The tasks could not be loaded."
          error={tasks.error}
          onRetry={() => tasks.refetch()}
        />
      ) : loaded.length === 0 && projectId ? (
        <EmptyState testId="board-empty" title="No tasks in this project">
          Pick “All projects” to see the team's other tasks.
        </EmptyState>
      ) : loaded.length === 0 ? (
        <EmptyState
          testId="board-empty"
          title="No tasks yet"
          action={
            <Button asChild variant="primary">
              <Link href="/tasks/new">Create a task</Link>
            </Button>
          }
        >
          {demoProject && demoProfile
            ? 'Run the offline demo above to watch a task go through every phase, or create your own.'
            : 'Create a task: pick a project and an agent profile, and see where each phase will run before it starts.'}
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="task-board">
          {BOARD_COLUMNS.map((column) => {
            const items = loaded.filter((t) => (column.statuses as readonly string[]).includes(t.status));
            return (
              <section
                key={column.id}
                data-testid={`column-${column.id}`}
                aria-label={column.title}
                className="flex min-h-40 flex-col rounded-lg bg-slate-100/80 p-2"
              >
                <h2 className="flex items-center justify-between px-1 pb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  {column.title}
                  <span className="rounded-full bg-white px-2 py-0.5 text-slate-500">{items.length}</span>
                </h2>
                <div className="space-y-2">
                  {items.map((task) => (
                    <TaskCard
                      key={task.id}
                      task={task}
                      profileName={profileName(task.profileId)}
                      showStatus={column.statuses.length > 1}
                    />
                  ))}
                  {items.length === 0 && (
                    <p className="px-1 py-3 text-center text-xs text-slate-400">Nothing here</p>
                  )}
                </div>
              </section>
            );
          })}
        </div>
      )}
      {tasks.hasNextPage && (
        <div className="mt-3 flex items-center gap-3 text-xs text-slate-500">
          <span data-testid="board-loaded">Showing the {loaded.length} most recent tasks.</span>
          <Button
            variant="outline"
            size="sm"
            disabled={tasks.isFetchingNextPage}
            onClick={() => tasks.fetchNextPage()}
          >
            {tasks.isFetchingNextPage ? 'Loading…' : 'Load older tasks'}
          </Button>
        </div>
      )}
    </div>
  );
}
