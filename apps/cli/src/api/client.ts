import type { AppRouter } from '@switchyard/api';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { Config } from '../config/config-file';

export type ApiClient = TRPCClient<AppRouter>;
export type ApiInputs = inferRouterInputs<AppRouter>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** The tRPC endpoint of a server whose base URL is `url`. */
export const trpcUrl = (url: string) => `${url}/api/trpc`;

/**
 * A tRPC client authenticated by the API key (`Authorization: Bearer sy_…`): queries and mutations
 * over plain HTTP, `tasks.subscribe` over SSE. Node 20 has no global EventSource, hence the package,
 * whose `fetch` hook is what lets the key ride on the SSE request too.
 */
export function createApiClient(config: Config): ApiClient {
  const url = trpcUrl(config.url);
  const authorization = `Bearer ${config.apiKey}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
          },
        }),
        false: httpLink({ url, transformer: superjson, headers: { authorization } }),
      }),
    ],
  });
}
