import { assertPostgresUrl } from './database-url-format';
import { type RunningDatabase, startEmbeddedPostgres } from './embedded/embedded-postgres';

export type { RunningDatabase };

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
