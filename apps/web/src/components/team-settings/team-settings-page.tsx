'use client';

import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState, Loading } from '@/components/ui/states';
import { useTRPC } from '@/trpc/react';
import { WebSearchCard } from './web-search-card';

/** Settings that apply to the whole team (every member reads them; admins change them). */
export function TeamSettingsPage() {
  const trpc = useTRPC();
  const current = useQuery(trpc.teams.current.queryOptions());
  return (
    <div>
      <PageHeader
        title="Team"
        description={
          current.data ? `Settings of ${current.data.team.name}, for every member's tasks.` : undefined
        }
      />
      {current.isPending ? (
        <Loading label="Loading the team…" />
      ) : current.isError ? (
        <ErrorState
          title="The team could not be loaded."
          error={current.error}
          onRetry={() => current.refetch()}
        />
      ) : (
        <div className="max-w-2xl space-y-6">
          <WebSearchCard
            key={current.data.team.id}
            url={current.data.webSearch?.url ?? null}
            isAdmin={current.data.role === 'owner' || current.data.role === 'admin'}
          />
        </div>
      )}
    </div>
  );
}
