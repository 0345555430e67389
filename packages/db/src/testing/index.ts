// Test helpers with no test-runner dependency; vitest-only helpers live in ./vitest.
export { createTestDatabase, type TestDatabase, withDatabase } from './test-database';
