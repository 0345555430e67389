import { getPrisma } from '@/server/db';
import { logSafeMessage } from '@/server/log-safe-message';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Liveness and database reachability, for the launcher and load balancers. */
export async function GET(): Promise<Response> {
  try {
    await getPrisma().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch (error) {
    const message = logSafeMessage(error);
    console.error(`[health] database check failed: ${message}`);
    return Response.json({ ok: false, error: `Database unreachable: ${message}` }, { status: 503 });
  }
}
