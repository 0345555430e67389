// `pnpm db:migrate` and `pnpm db:migrate:create <name>`; see packages/db/README.md.
import { openDatabase } from '../open-database';
import { createMigration } from './create';
import { applyPendingMigrations } from './deploy';

const USAGE =
  'usage: pnpm db:migrate            apply pending migrations\n       pnpm db:migrate:create NAME  write a migration from changes to prisma/schema.prisma';

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  if (command !== 'deploy' && command !== 'create') {
    console.error(USAGE);
    return 2;
  }
  if (command === 'create' && !name) {
    console.error('A migration needs a name, e.g. `pnpm db:migrate:create add_task_labels`.');
    return 2;
  }
  const database = await openDatabase(process.env, (line) => console.error(line));
  // Stop an embedded database we started even when interrupted.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void database.stop().finally(() => process.exit(130)));
  }
  try {
    if (command === 'deploy') {
      const { applied } = await applyPendingMigrations(database.url);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'No pending migrations: the database is up to date.',
      );
    } else {
      const result = await createMigration(database.url, name!);
      console.log(
        result.path
          ? `Created ${result.path}/migration.sql`
          : 'The schema matches the migrations: nothing to create.',
      );
    }
    return 0;
  } finally {
    await database.stop();
  }
}

// The WASM engine leaves a timer running: exit explicitly once done.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
