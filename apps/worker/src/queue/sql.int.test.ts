import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueuePool } from './sql';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('createQueuePool', () => {
  it('survives the server closing an idle connection (a restart), reports it, and serves the next query', async () => {
    const closed: string[] = [];
    const pool = createQueuePool(db.url, 2, (error) => closed.push(error.message));
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = rows[0]?.pid;
      // Another session terminates the worker's idle connection, as a PostgreSQL restart would.
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      for (let i = 0; i < 50 && closed.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

      expect(closed).toEqual([expect.stringMatching(/terminating connection due to administrator command/)]);
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
