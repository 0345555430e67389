import { openDatabase } from '@switchyard/db/open';
// Declares the `databaseUrl` value provided to test files.
import type {} from '@switchyard/db/testing/vitest';
import type { TestProject } from 'vitest/node';

// Integration tests need a PostgreSQL server: DATABASE_URL's, else the embedded one in .data/pg.
// Each test file then creates its own database on that server (freshDatabase in @switchyard/db/testing).
export default async function setup(project: TestProject) {
  const database = await openDatabase(process.env, (line) => console.error(line));
  project.provide('databaseUrl', database.url);
  return async () => {
    await database.stop();
  };
}
