import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUTH_SECRET_ENV = 'BETTER_AUTH_SECRET';
const MIN_LENGTH = 32;

export class AuthSecretError extends Error {}

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set (at least 32 characters);
 * otherwise `<dataDir>/auth-secret.key`, generated with mode 0600 on first use, like the credential
 * key (the single-machine default). Several web servers must share one value.
 */
export function loadAuthSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const configured = env[AUTH_SECRET_ENV]?.trim();
  if (configured) return checked(configured, AUTH_SECRET_ENV);
  const file = join(dataDir, 'auth-secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return checked(readFileSync(file, 'utf8').trim(), file);
}

function checked(secret: string, source: string): string {
  if (secret.length < MIN_LENGTH)
    throw new AuthSecretError(
      `${source} must be at least ${MIN_LENGTH} characters (got ${secret.length}). Generate one with \`openssl rand -base64 32\`.`,
    );
  return secret;
}
