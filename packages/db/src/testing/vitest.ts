export { freshDatabase } from './fresh-database';
export type { TestDatabase } from './test-database';
