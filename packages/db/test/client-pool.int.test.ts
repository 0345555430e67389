import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, sqlPoolOf } from '../src/client';
import { freshDatabase, type TestDatabase } from '../src/testing/vitest';

// The pool under a client (sqlPoolOf, decision 0016) is used before Prisma ever connects: the API
// key lookup and the task reads of a dashboard serving only API keys go through it alone.

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.drop());

describe('the pool under a Prisma client', () => {
  it('survives the server closing an idle connection before Prisma has connected', async () => {
    const client = createPrismaClient(db.url, { maxConnections: 2 });
    const pool = sqlPoolOf(client);
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // What a PostgreSQL restart does to the idle connection.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Without a listener the pool's 'error' event would have ended the process (and this test).
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
      expect(await client.task.count()).toBe(0);
    } finally {
      await admin.end();
      await client.$disconnect();
    }
  });

  it('is ended by $disconnect() even when Prisma never connected', async () => {
    const client = createPrismaClient(db.url, { maxConnections: 1 });
    const pool = sqlPoolOf(client);
    await pool.query('SELECT 1');
    await client.$disconnect();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
  });

  it("is the caller's when given, and left open by $disconnect()", async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const client = createPrismaClient(db.url, { pool });
    expect(sqlPoolOf(client)).toBe(pool);
    await client.task.count();
    await client.$disconnect();
    expect(pool.ended).toBe(false);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await pool.end();
  });
});
