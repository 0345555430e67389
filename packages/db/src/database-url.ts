import { type RunningDatabase, startEmbeddedPostgres } from './embedded/embedded-postgres';

/**
 * The database every Switchyard process uses: `DATABASE_URL` when set, otherwise the embedded
 * PostgreSQL in `.data/pg` (started here, or joined when a sibling process started it).
 */
export async function openDatabase(
  env: Record<string, string | undefined> = process.env,
  log?: (line: string) => void,
): Promise<RunningDatabase> {
  const url = env.DATABASE_URL?.trim();
  if (url) return { url: assertPostgresUrl(url), owned: false, stop: async () => {} };
  return startEmbeddedPostgres(log);
}

export function assertPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      'DATABASE_URL is not a valid URL. Expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or leave it unset to use the embedded database.',
    );
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(
      `DATABASE_URL must start with postgresql:// (got "${parsed.protocol}//"). Switchyard needs PostgreSQL; leave it unset to use the embedded database.`,
    );
  }
  return url;
}
