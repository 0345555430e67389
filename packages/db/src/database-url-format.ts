// Checked before any connection is tried, so a typo gets a message rather than a driver error.
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
