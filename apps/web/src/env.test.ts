import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env';

describe('web server configuration', () => {
  it('accepts a postgresql:// DATABASE_URL and an optional PORT', () => {
    expect(parseServerEnv({ DATABASE_URL: 'postgresql://sy@db:5432/switchyard', PORT: '3100' })).toEqual({
      DATABASE_URL: 'postgresql://sy@db:5432/switchyard',
      PORT: 3100,
    });
    expect(parseServerEnv({ DATABASE_URL: 'postgres://sy@db/switchyard' }).PORT).toBeUndefined();
  });

  it('names a missing DATABASE_URL and says what is expected', () => {
    expect(() => parseServerEnv({})).toThrow(/DATABASE_URL is required: a postgresql:\/\//);
  });

  it('rejects a non-PostgreSQL URL and a bad port without echoing their values', () => {
    const attempt = () => parseServerEnv({ DATABASE_URL: 'mysql://root:hunter2@db/app', PORT: 'eighty' });
    expect(attempt).toThrow(/DATABASE_URL must be a postgresql:\/\//);
    expect(attempt).toThrow(/PORT must be a TCP port number/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
