'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UsagePoint } from '@/lib/usage';
import { useTRPC } from '@/trpc/react';

export type UsageState =
  | { status: 'pending' }
  | { status: 'error'; error: unknown; refetch: () => void }
  | { status: 'success'; points: UsagePoint[] };

/** The team's usage per day, provider and phase over the last `days` days (`stats.usage`). */
export function useUsage(days: number): UsageState {
  const trpc = useTRPC();
  const usage = useQuery({
    ...trpc.stats.usage.queryOptions({ days }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  if (usage.isPending) return { status: 'pending' };
  if (usage.isError) return { status: 'error', error: usage.error, refetch: () => void usage.refetch() };
  return { status: 'success', points: usage.data.points };
}
