'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, ErrorState, Loading } from '@/components/ui/states';
import { useTRPC } from '@/trpc/react';
import { ProfileForm } from './profile-form';

export function EditProfile({ id }: { id: string }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profiles.get.queryOptions({ id }));
  if (profile.isPending) return <Loading label="Loading the profile…" />;
  if (profile.isError)
    return (
      <ErrorState
        title="The profile could not be loaded."
        error={profile.error}
        onRetry={() => profile.refetch()}
      />
    );
  return (
    <div>
      <PageHeader
        title={`Edit “${profile.data.name}”`}
        description="Changes apply to tasks created from now on."
      />
      {profile.data.builtin ? (
        <Alert tone="info">
          Built-in profiles are read-only: duplicate it on the{' '}
          <Button asChild variant="link" size="sm" className="h-auto px-0">
            <Link href="/profiles">profiles page</Link>
          </Button>{' '}
          and edit the copy.
        </Alert>
      ) : (
        <ProfileForm profile={profile.data} />
      )}
    </div>
  );
}
