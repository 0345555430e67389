'use client';

import { useQuery } from '@tanstack/react-query';
import { ProfilesList } from '@/components/overview/profiles-list';
import { Section } from '@/components/overview/section';
import { TasksTable } from '@/components/overview/tasks-table';
import { useTRPC } from '@/trpc/react';

export default function OverviewPage() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.overview.get.queryOptions());

  if (overview.isPending) {
    return <p className="text-sm text-slate-500">Loading overview…</p>;
  }
  if (overview.isError) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p className="font-medium">The overview could not be loaded.</p>
        <p className="mt-1">{overview.error.message}</p>
        <button
          type="button"
          onClick={() => overview.refetch()}
          className="mt-3 rounded border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100"
        >
          Try again
        </button>
      </div>
    );
  }

  const { tasks, profiles, counts } = overview.data;
  return (
    <div className="space-y-10">
      <Section id="tasks" testId="overview-tasks" title="Tasks" count={counts.tasks}>
        <TasksTable tasks={tasks} />
      </Section>
      <Section id="profiles" testId="overview-profiles" title="Agent profiles" count={counts.profiles}>
        <ProfilesList profiles={profiles} />
      </Section>
    </div>
  );
}
