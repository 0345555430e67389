import { createHash, randomBytes } from 'node:crypto';

/** Every Switchyard API key starts with this, so secret scanners and users can recognise one. */
export const API_KEY_PREFIX = 'sy_';
/** How many leading characters a list shows (`sy_` and five more). */
const START_LENGTH = 8;

/** A new key: the key itself (shown once), its stored hash and the start lists show. */
export function generateApiKey(): { key: string; hash: string; start: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), start: key.slice(0, START_LENGTH) };
}

/** SHA-256, hex: keys are 256 random bits, so a fast hash is enough (no password stretching). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
