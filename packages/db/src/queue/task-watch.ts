// Who follows a task live (docs/decisions/0017). PostgreSQL signals every listening backend of the
// database at each notifying commit, whatever channel it listens on, so a NOTIFY per event batch woke
// every worker's queue listener for runs nobody was watching. A web process with a live subscription
// to a task keeps a "TaskWatch" row for it, renewed while it watches; the worker NOTIFYs a task's new
// events only while one is current.

/** How long a watch row holds without renewal (a web process that died stops counting after this). */
export const TASK_WATCH_TTL_MS = 60_000;
/** How often a web process renews its watch rows: well within the TTL, so a missed renewal is harmless. */
export const TASK_WATCH_RENEW_MS = 20_000;

/**
 * A SQL condition, true while some web process watches the task whose id is `taskIdSql` (a bind
 * parameter or column of the caller's statement). One index probe of a table of a few rows.
 */
export function taskWatchedSql(taskIdSql: string): string {
  return `EXISTS (SELECT 1 FROM "TaskWatch" w WHERE w."taskId" = ${taskIdSql} AND w."expiresAt" > now())`;
}

/** $1 the watcher, $2 the task ids, $3 the TTL in ms: creates or renews the watcher's rows. */
export const RENEW_TASK_WATCHES_SQL = `
  INSERT INTO "TaskWatch" ("taskId", watcher, "expiresAt")
  SELECT id, $1, now() + make_interval(secs => $3::float8 / 1000) FROM unnest($2::text[]) AS id
  ON CONFLICT ("taskId", watcher) DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"`;

/** $1 the watcher, $2 the task ids it no longer watches. */
export const END_TASK_WATCHES_SQL = `DELETE FROM "TaskWatch" WHERE watcher = $1 AND "taskId" = ANY($2::text[])`;

/** Rows of web processes that went away without ending them (renewal stopped long ago). */
export const SWEEP_TASK_WATCHES_SQL = `DELETE FROM "TaskWatch" WHERE "expiresAt" < now() - interval '1 hour'`;
