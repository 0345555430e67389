export { dataDir } from './data-dir';
export { EMBEDDED_DATABASE, type RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';
