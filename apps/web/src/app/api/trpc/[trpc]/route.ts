import { appRouter, createContext } from '@switchyard/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getPrisma } from '@/server/db';
import { logSafeMessage } from '@/server/log-safe-message';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(getPrisma()),
    onError({ path, error }) {
      if (error.code === 'BAD_REQUEST' || error.code === 'NOT_FOUND') return;
      console.error(`[trpc] ${path ?? '(no path)'} failed with ${error.code}: ${logSafeMessage(error)}`);
    },
  });
}

export { handler as GET, handler as POST };
