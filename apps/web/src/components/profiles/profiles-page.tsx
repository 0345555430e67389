'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Route } from 'next';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { Profile } from '@/components/tasks/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useTRPC } from '@/trpc/react';
import { PhaseRoutesTable } from './phase-routes-table';

export function ProfilesPage() {
  const trpc = useTRPC();
  const profiles = useQuery(trpc.profiles.list.queryOptions());
  const builtins = profiles.data?.filter((p) => p.builtin) ?? [];
  const team = profiles.data?.filter((p) => !p.builtin) ?? [];
  return (
    <div>
      <PageHeader
        title="Agent profiles"
        description="Which provider, model and thinking level each phase uses. Shared by the whole team; built-ins are read-only: duplicate one to edit it."
        actions={
          <Button asChild variant="primary">
            <Link href="/profiles/new">New profile</Link>
          </Button>
        }
      />
      {profiles.isPending ? (
        <Loading label="Loading profiles…" />
      ) : profiles.isError ? (
        <ErrorState
          title="Profiles could not be loaded."
          error={profiles.error}
          onRetry={() => profiles.refetch()}
        />
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="team-profiles">
            <h2
              id="team-profiles"
              className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase"
            >
              Team profiles
            </h2>
            {team.length === 0 ? (
              <EmptyState title="No team profiles yet">
                Create one, or duplicate a built-in below and edit the copy.
              </EmptyState>
            ) : (
              <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
                {team.map((p) => (
                  <ProfileCard key={p.id} profile={p} />
                ))}
              </div>
            )}
          </section>
          <section aria-labelledby="builtin-profiles">
            <h2
              id="builtin-profiles"
              className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase"
            >
              Built-in profiles
            </h2>
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
              {builtins.map((p) => (
                <ProfileCard key={p.id} profile={p} />
              ))}
            </div>
          </section>
        </div>
      )}
    </div>
  );
}

function ProfileCard({ profile }: { profile: Profile }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.profiles.list.queryKey() });
  const duplicate = useMutation(
    trpc.profiles.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await refresh();
        router.push(`/profiles/${copy.id}` as Route);
      },
    }),
  );
  const remove = useMutation(trpc.profiles.delete.mutationOptions({ onSuccess: refresh }));
  const error = duplicate.error ?? remove.error;
  return (
    <Card data-testid="profile-card" data-profile-name={profile.name} className="flex flex-col">
      <div className="flex items-start justify-between gap-3 px-5 pt-4">
        <div>
          <h3 className="flex items-center gap-2 font-semibold text-slate-900">
            {profile.name}
            {profile.builtin ? (
              <Badge>Built-in</Badge>
            ) : (
              <Badge className="bg-indigo-50 text-indigo-700 ring-indigo-200">Team</Badge>
            )}
          </h3>
          {profile.description && <p className="mt-0.5 text-sm text-slate-500">{profile.description}</p>}
        </div>
        <div className="flex shrink-0 gap-1">
          {!profile.builtin && (
            <Button asChild variant="outline" size="sm">
              <Link href={`/profiles/${profile.id}` as Route}>Edit</Link>
            </Button>
          )}
          <Button
            variant="outline"
            size="sm"
            disabled={duplicate.isPending}
            onClick={() => duplicate.mutate({ id: profile.id })}
          >
            Duplicate
          </Button>
          {!profile.builtin && (
            <ConfirmButton
              question={`Delete the profile "${profile.name}"?`}
              pending={remove.isPending}
              onConfirm={() => remove.mutate({ id: profile.id })}
            >
              Delete
            </ConfirmButton>
          )}
        </div>
      </div>
      <div className="px-5 pt-3 pb-4">
        {profile.phasesError ? (
          <Alert tone="error">Phases cannot be read: {profile.phasesError}</Alert>
        ) : (
          <PhaseRoutesTable phases={profile.phases} />
        )}
        {error && (
          <div className="mt-2">
            <Alert tone="error">{error.message}</Alert>
          </div>
        )}
      </div>
    </Card>
  );
}
