import { appRouter } from '@switchyard/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '@/server/api-context';
import { logSafeMessage } from '@/server/log-safe-message';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createRequestContext(req),
    onError({ path, error }) {
      if (['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT'].includes(error.code)) return;
      console.error(`[trpc] ${path ?? '(no path)'} failed with ${error.code}: ${logSafeMessage(error)}`);
    },
  });
}

export { handler as GET, handler as POST };
