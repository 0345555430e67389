import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '@/server/api-context';
import { TRPC_ENDPOINT, trpcOptions } from '@/server/trpc-options';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// `next dev` serves the API here; in production server.ts answers /api/trpc before Next does.
function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    ...trpcOptions,
    endpoint: TRPC_ENDPOINT,
    req,
    createContext: () => createRequestContext(req.headers),
  });
}

export { handler as GET, handler as POST };
