import { QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data is fresh for 30 s: navigating back to a page does not refetch at once. One retry, so an
      // unreachable server shows its error within seconds rather than after the default three.
      queries: { staleTime: 30_000, retry: 1 },
    },
  });
}
