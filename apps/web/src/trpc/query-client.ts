import { QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data is fresh for 30 s: navigating back to a page does not refetch at once.
      queries: { staleTime: 30_000 },
    },
  });
}
