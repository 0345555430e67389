import { appRouter } from '@switchyard/api';
import type { TRPCError } from '@trpc/server';
import { logSafeMessage } from './log-safe-message';

/** The API's endpoint, served by Next's route handler and by the production server (server.ts). */
export const TRPC_ENDPOINT = '/api/trpc';

/** What both ways of serving the API share: the router and how failures are logged. */
export const trpcOptions = {
  router: appRouter,
  onError({ path, error }: { path?: string; error: TRPCError }) {
    if (['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT'].includes(error.code)) return;
    console.error(`[trpc] ${path ?? '(no path)'} failed with ${error.code}: ${logSafeMessage(error)}`);
  },
};
