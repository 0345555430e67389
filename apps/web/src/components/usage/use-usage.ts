'use client';

import type { UsagePoint } from '@/lib/usage';

export type UsageState =
  | { status: 'pending' }
  | { status: 'error'; error: unknown; refetch: () => void }
  | { status: 'unavailable'; message: string }
  | { status: 'success'; points: UsagePoint[] };

/** The team's usage per day, provider and phase over the last `days` days (`stats.usage`). */
export function useUsage(_days: number): UsageState {
  return { status: 'unavailable', message: 'The API does not serve usage statistics (stats.usage) yet.' };
}
