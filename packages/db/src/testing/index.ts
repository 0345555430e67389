export { freshDatabase } from './fresh-database';
export { createTestDatabase, type TestDatabase, withDatabase } from './test-database';
