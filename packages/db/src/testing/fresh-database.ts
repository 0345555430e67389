import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A fresh, migrated database for one test file, on the server the integration project's global
 * setup chose (tests/support/database-global-setup.ts).
 */
export function freshDatabase(options?: { migrate?: boolean }): Promise<TestDatabase> {
  return createTestDatabase(inject('databaseUrl'), options);
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
