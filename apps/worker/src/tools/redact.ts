// Credential values must never reach the model, the event log or the dashboard (§6.1).
/** Variables whose values are secrets: `*_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, and the database URL. */
export const SECRET_ENV_KEY = /(_(KEY|TOKEN|SECRET|PASSWORD)$)|^DATABASE_URL$/i;
// Short values (a "1" or "true" in an env var named *_TOKEN) would shred ordinary output.
const MIN_ENV_SECRET_LENGTH = 8;

export const REDACTED = '[redacted]';

/** The values to hide: every given secret, plus every env value whose key looks like a credential. */
export function secretValues(secrets: readonly string[], env?: Record<string, string | undefined>): string[] {
  const values = new Set(secrets.filter((s) => s.length > 0));
  for (const [key, value] of Object.entries(env ?? {})) {
    if (value && value.length >= MIN_ENV_SECRET_LENGTH && SECRET_ENV_KEY.test(key)) values.add(value);
  }
  // Longest first, so a secret that contains another is hidden whole.
  return [...values].sort((a, b) => b.length - a.length);
}

export function redactValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) if (out.includes(value)) out = out.split(value).join(REDACTED);
  return out;
}

export function redactSecrets(
  text: string,
  secrets: string[],
  env?: Record<string, string | undefined>,
): string {
  return redactValues(text, secretValues(secrets, env));
}
