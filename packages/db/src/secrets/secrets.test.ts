import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, last4, loadSecretKey } from './index';

describe('credential encryption', () => {
  const key = randomBytes(32);

  it('round-trips a secret and never stores it in clear', () => {
    const stored = encryptSecret('sk-ant-very-secret-value', key);
    expect(stored).not.toContain('very-secret');
    expect(stored.startsWith('v1.')).toBe(true);
    expect(decryptSecret(stored, key)).toBe('sk-ant-very-secret-value');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('explains a key mismatch instead of returning garbage', () => {
    const stored = encryptSecret('secret', key);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(/SWITCHYARD_SECRET_KEY differs/);
  });

  it('shows only the last four characters', () => {
    expect(last4('sk-1234567890abcd')).toBe('abcd');
  });
});

describe('loadSecretKey', () => {
  it('generates a key file readable only by its owner when none is configured, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-key-'));
    const first = loadSecretKey({}, dir);
    const second = loadSecretKey({}, dir);
    expect(first.equals(second)).toBe(true);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('accepts a base64 or hex key from SWITCHYARD_SECRET_KEY', () => {
    const raw = randomBytes(32);
    expect(loadSecretKey({ SWITCHYARD_SECRET_KEY: raw.toString('base64') }, '/nonexistent').equals(raw)).toBe(
      true,
    );
    expect(loadSecretKey({ SWITCHYARD_SECRET_KEY: raw.toString('hex') }, '/nonexistent').equals(raw)).toBe(
      true,
    );
  });

  it('names the variable and how to make a good key when it is malformed', () => {
    expect(() => loadSecretKey({ SWITCHYARD_SECRET_KEY: 'short' }, '/nonexistent')).toThrow(
      /SWITCHYARD_SECRET_KEY must be 32 bytes.*openssl rand -base64 32/,
    );
  });
});
