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
          Fixes a real bug in the demo project with two local scripted providers on two protocols: "Demo
          planner" (Anthropic Messages) writes the spec and the plan, "Demo coder" (OpenAI Chat Completions)
          edits the code, runs the tests and reviews. No API key needed.
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
            title: 'Fix the cart total (offline demo)',
            description:
              'cartTotal in src/cart.js leaves out the first item of the cart, so `npm test` fails. Make every item count and keep the discount working.',
            routing: {},
          })
        }
      >
        {create.isPending ? 'Starting…' : 'Run the offline demo'}
      </Button>
    </div>
  );
}
