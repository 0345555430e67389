export { type CreateResult, createMigration } from './create';
export { applyPendingMigrations, type DeployResult } from './deploy';
export { MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_PATH } from './migrations-folder';
