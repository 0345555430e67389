// Safe to bundle (the web app imports this entry): the client, enums and types only. Starting a
// database lives in '@switchyard/db/open', migrations in '/migrate', seeding in '/seed'.
export { createPrismaClient, type PrismaClient, type SqlPool, sqlPoolOf } from './client';
export { assertPostgresUrl } from './database-url-format';
export { Prisma } from './generated/prisma/client';
export * from './generated/prisma/enums';
export type * from './generated/prisma/models';
export { protocolFromDb, protocolToDb, type WireProtocol } from './protocol';
export {
  CREDENTIAL_CREATION_ORDER,
  loadRoutingCredentials,
  ROUTING_CREDENTIAL_SELECT,
  type RoutingCredential,
} from './team-credentials';
export {
  readWebSearchSetting,
  type StoredWebSearch,
  searchUrlProblem,
  type WebSearchSetting,
  WebSearchSettingSchema,
  WebSearchUrlSchema,
} from './web-search';
