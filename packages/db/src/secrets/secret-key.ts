import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretKeyError } from './secret-box';

export const SECRET_KEY_ENV = 'SWITCHYARD_SECRET_KEY';
const HOW_TO =
  'Generate one with `openssl rand -base64 32` and set the same value on every web server and worker.';

/**
 * The 32-byte credential key: SWITCHYARD_SECRET_KEY (base64 or hex) when set; otherwise the key in
 * `<dataDir>/secret.key`, generated with mode 0600 on first use (the single-machine default).
 */
export function loadSecretKey(env: Record<string, string | undefined>, dataDir: string): Buffer {
  const configured = env[SECRET_KEY_ENV]?.trim();
  if (configured) return parseKey(configured);
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseKey(readFileSync(file, 'utf8').trim(), file);
}

function parseKey(value: string, source = SECRET_KEY_ENV): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      `${source} must be 32 bytes, base64- or hex-encoded (got ${key.length} bytes). ${HOW_TO}`,
    );
  }
  return key;
}
