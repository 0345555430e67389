export { createPrismaClient, type PrismaClient } from './client';
export { assertPostgresUrl, openDatabase } from './database-url';
export type { RunningDatabase } from './embedded/embedded-postgres';
export { Prisma } from './generated/prisma/client';
export * from './generated/prisma/enums';
export type * from './generated/prisma/models';
export { protocolFromDb, protocolToDb, type WireProtocol } from './protocol';
