'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Route } from 'next';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/states';
import { useTRPC } from '@/trpc/react';

/**
 * Runs a task on the offline demo provider (scripted, no key needed): a newcomer's first task,
 * end to end, before they enter any credential.
 */
export function RunDemoCard({ projectId, profileId }: { projectId: string; profileId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: async ({ task }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() });
        router.push(`/tasks/${task.id}` as Route);
      },
    }),
  );
  return (
    <div
      data-testid="offline-demo"
      className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-teal-200 bg-gradient-to-r from-teal-50 to-white px-5 py-4"
    >
      <div className="max-w-2xl">
        <p className="font-semibold text-teal-900">Try Switchyard offline</p>
        <p className="mt-0.5 text-sm text-teal-800">
          Runs a small task on the demo project with the scripted "Demo (offline, scripted)" provider: spec,
          plan, code and review, with a real diff, without any API key.
        </p>
        {create.isError && (
          <div className="mt-2">
            <Alert tone="error">{create.error.message}</Alert>
          </div>
        )}
      </div>
      <Button
        variant="primary"
        size="lg"
        className="bg-teal-600 hover:bg-teal-500"
        disabled={create.isPending}
        onClick={() =>
          create.mutate({
            projectId,
            profileId,
            title: 'Add a HELLO.md greeting (offline demo)',
            description:
              'Create HELLO.md at the root of the repository with a short, friendly greeting for people trying Switchyard.',
            routing: {},
          })
        }
      >
        {create.isPending ? 'Starting…' : 'Run the offline demo'}
      </Button>
    </div>
  );
}
