import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig } from '../src/config';

describe('worker configuration', () => {
  it('has working defaults when nothing is set (embedded database, two phases at a time)', () => {
    const config = loadWorkerConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.concurrency).toBe(2);
    expect(config.logLevel).toBe('info');
    expect(config.workerId).toMatch(/:\d+$/);
  });

  it('names each bad variable and what it expects', () => {
    const load = () => loadWorkerConfig({ DATABASE_URL: 'mysql://x/y', WORKER_CONCURRENCY: 'many' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL, or unset to use the embedded database \(got "mysql:\/\/x\/y"\)/,
    );
    expect(load).toThrow(/WORKER_CONCURRENCY: .*\(got "many"\)/);
    expect(load).toThrow(/See \.env\.example/);
  });

  it('treats an empty variable as unset, as a blank line in a .env file would be', () => {
    expect(loadWorkerConfig({ DATABASE_URL: '', WORKER_CONCURRENCY: '' }).concurrency).toBe(2);
  });

  it('leases runs for 30 s and polls every 2 s by default', () => {
    expect(loadWorkerConfig({})).toMatchObject({ leaseMs: 30_000, pollMs: 2_000 });
    expect(loadWorkerConfig({ WORKER_LEASE_MS: '1500', WORKER_POLL_MS: '30000' })).toMatchObject({
      leaseMs: 1_500,
      pollMs: 30_000,
    });
  });

  it('rejects a lease too short to heartbeat and a poll interval that would hammer the database', () => {
    const load = () => loadWorkerConfig({ WORKER_LEASE_MS: '200', WORKER_POLL_MS: '10' });
    expect(load).toThrow(/WORKER_LEASE_MS: .*\(got "200"\)/);
    expect(load).toThrow(/WORKER_POLL_MS: .*\(got "10"\)/);
    expect(() => loadWorkerConfig({ WORKER_LEASE_MS: '2.5s' })).toThrow(/WORKER_LEASE_MS/);
  });

  it('gives up on a silent stream after 3 minutes by default, and takes a shorter or longer limit', () => {
    expect(loadWorkerConfig({}).streamIdleMs).toBe(180_000);
    expect(loadWorkerConfig({ WORKER_STREAM_IDLE_MS: '5000' }).streamIdleMs).toBe(5_000);
    expect(() => loadWorkerConfig({ WORKER_STREAM_IDLE_MS: '10' })).toThrow(
      /WORKER_STREAM_IDLE_MS: .*\(got "10"\)/,
    );
  });
});
