import { type PrismaClient, sqlPoolOf } from '@switchyard/db';
import type { Auth, TeamRole } from '../auth';
import { dateOf, isoSql, prepared } from '../sql/prepared';
import { API_KEY_PREFIX, hashApiKey } from './hash-api-key';

export interface Caller {
  user: { id: string; email: string; name: string };
  /** The team the caller acts in, with their role there; null when they belong to none. */
  team: { id: string; role: TeamRole } | null;
  /** Set when the caller signed in with a browser session. */
  sessionId: string | null;
  /** Set when the caller used an API key: it acts only within that key's team. */
  apiKeyId: string | null;
}

/**
 * Who is calling: `Authorization: Bearer sy_…` (an API key) or better-auth's session cookie. A bad
 * or revoked API key is no caller at all (UNAUTHORIZED), never a fallback to the cookie.
 */
export async function resolveCaller(
  prisma: PrismaClient,
  auth: Auth,
  headers: Headers,
): Promise<Caller | null> {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer?.startsWith(API_KEY_PREFIX)) return callerFromApiKey(prisma, bearer);
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const team = await activeTeam(prisma, session.user.id, session.session.activeOrganizationId ?? null);
  return {
    user: { id: session.user.id, email: session.user.email, name: session.user.name },
    team,
    sessionId: session.session.id,
    apiKeyId: null,
  };
}

const LAST_USED_RESOLUTION_MS = 60_000;

interface ApiKeyRow {
  id: string;
  teamId: string;
  enabled: boolean;
  /** ISO texts (isoSql). */
  expiresAt: string | null;
  lastUsedAt: string | null;
  userId: string;
  email: string;
  name: string;
  /** The owner's role in the key's team; null when they have left it. */
  role: TeamRole | null;
}

const API_KEY_CALLER_SQL = `
  SELECT k.id, k."teamId", k.enabled, ${isoSql('k."expiresAt"')} AS "expiresAt",
         ${isoSql('k."lastUsedAt"')} AS "lastUsedAt", u.id AS "userId", u.email, u.name, m.role::text AS role
    FROM "ApiKey" k
    JOIN "User" u ON u.id = k."userId"
    LEFT JOIN "Membership" m ON m."teamId" = k."teamId" AND m."userId" = k."userId"
   WHERE k.key = $1`;

async function callerFromApiKey(prisma: PrismaClient, key: string): Promise<Caller | null> {
  // The key, its owner and their membership of its team in one prepared statement, on node-postgres
  // (docs/decisions/0016): this runs on every API call.
  const {
    rows: [row],
  } = await sqlPoolOf(prisma).query<ApiKeyRow>(
    prepared('api-key.caller', API_KEY_CALLER_SQL, [hashApiKey(key)]),
  );
  const expiresAt = row && dateOf(row.expiresAt);
  if (!row?.enabled || (expiresAt && expiresAt <= new Date())) return null;
  // The key carries its owner's current role in its team; leaving the team disables it.
  if (!row.role) return null;
  // "Last used" to the minute is all a user needs: writing it on every request made each API call
  // a write and a commit (bench/reports/api.md). The condition is checked again by the UPDATE, so
  // that concurrent requests of one key write it once a minute, not once each.
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const lastUsedAt = dateOf(row.lastUsedAt);
  if (!lastUsedAt || lastUsedAt < stale) {
    await prisma.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    user: { id: row.userId, email: row.email, name: row.name },
    team: { id: row.teamId, role: row.role },
    sessionId: null,
    apiKeyId: row.id,
  };
}

/** The session's active team if the user still belongs to it, else their oldest membership. */
async function activeTeam(
  prisma: PrismaClient,
  userId: string,
  activeTeamId: string | null,
): Promise<Caller['team']> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { teamId: true, role: true },
  });
  const chosen = memberships.find((m) => m.teamId === activeTeamId) ?? memberships[0];
  return chosen ? { id: chosen.teamId, role: chosen.role } : null;
}
