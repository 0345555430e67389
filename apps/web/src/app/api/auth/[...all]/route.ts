import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/server/auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// better-auth's endpoints (sign-up/in/out, session, organization): created on the first request,
// so `next build` needs neither a database nor a secret.
const handler = (req: Request) => getAuth().handler(req);

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handler);
