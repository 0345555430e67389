// `pnpm db:seed`: built-in profiles (after pending migrations, so it works on a fresh database).
import { createPrismaClient } from '../client';
import { applyPendingMigrations } from '../migrate/deploy';
import { openDatabase } from '../open-database';
import { seedBuiltinProfiles } from './seed-builtin-profiles';

async function main(): Promise<void> {
  const database = await openDatabase(process.env, (line) => console.error(line));
  const prisma = createPrismaClient(database.url, { maxConnections: 2 });
  try {
    await applyPendingMigrations(database.url);
    const { created, updated } = await seedBuiltinProfiles(prisma);
    console.log(`Built-in profiles: ${created} created, ${updated} refreshed.`);
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
