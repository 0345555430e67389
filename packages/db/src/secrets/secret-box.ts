import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Provider credentials at rest: AES-256-GCM with a random 96-bit IV per value. Stored as
// `v1.<iv>.<tag>.<ciphertext>` (base64url) so that a later key or cipher change can be versioned.
const VERSION = 'v1';

export class SecretKeyError extends Error {}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new SecretKeyError('A stored credential is not in a format this version of Switchyard can read.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretKeyError(
      'A stored credential could not be decrypted: SWITCHYARD_SECRET_KEY differs from the key it was saved with. Use the same key on every web server and worker, or enter the credential again.',
    );
  }
}

/** What lists show instead of the secret: its last four characters. */
export function last4(secret: string): string {
  return secret.slice(-4);
}
