// A team that can call the API: a user, its team (owner), a project and an API key of that team. The
// key row is what apiKeys.create stores: SHA-256 of the key (packages/api's own hashApiKey), the
// first 8 characters as `start`.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { generateApiKey } from '../../packages/api/src/services/hash-api-key';

export interface BenchTeam {
  userId: string;
  teamId: string;
  projectId: string;
  /** `sy_…`, for `Authorization: Bearer`. */
  apiKey: string;
}

export async function createBenchTeam(client: pg.Client): Promise<BenchTeam> {
  const userId = randomUUID();
  const teamId = randomUUID();
  const projectId = randomUUID();
  const { key, hash, start } = generateApiKey();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO "User" (id, name, email, "emailVerified", "createdAt", "updatedAt")
     VALUES ($1, 'Bench', $2, true, now(), now())`,
    [userId, `bench-${userId.slice(0, 8)}@example.com`],
  );
  await client.query(
    `INSERT INTO "Team" (id, name, slug, "createdAt", "updatedAt") VALUES ($1, 'Bench team', $2, now(), now())`,
    [teamId, `bench-${teamId.slice(0, 8)}`],
  );
  await client.query(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'owner')`, [
    randomUUID(),
    teamId,
    userId,
  ]);
  await client.query(
    `INSERT INTO "ApiKey" (id, "userId", "teamId", name, start, prefix, key, enabled, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'bench', $4, 'sy_', $5, true, now(), now())`,
    [randomUUID(), userId, teamId, start, hash],
  );
  await client.query(
    `INSERT INTO "Project" (id, "teamId", name, "repoPath", "createdAt", "updatedAt")
     VALUES ($1, $2, 'bench-repo', '/tmp/bench-repo', now(), now())`,
    [projectId, teamId],
  );
  await client.query('COMMIT');
  return { userId, teamId, projectId, apiKey: key };
}

/** A tRPC GET URL (superjson input envelope), as the dashboard's client sends queries. */
export function trpcUrl(base: string, procedure: string, input: unknown): string {
  return `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}
