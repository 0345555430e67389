// `pnpm db:rotate-secret-key`: re-encrypts stored credentials with a new SWITCHYARD_SECRET_KEY.
// Reads the old key from SWITCHYARD_SECRET_KEY (or .data/secret.key) and the new one from
// SWITCHYARD_NEW_SECRET_KEY. See docs/operating.md.
import { createPrismaClient } from '../client';
import { dataDir } from '../embedded/data-dir';
import { openDatabase } from '../open-database';
import { rotateSecretKey } from './rotate-secret-key';
import { loadSecretKey } from './secret-key';

async function main(): Promise<number> {
  const next = process.env.SWITCHYARD_NEW_SECRET_KEY?.trim();
  if (!next) {
    console.error(
      'Set SWITCHYARD_NEW_SECRET_KEY to the new key (e.g. `openssl rand -base64 32`), and SWITCHYARD_SECRET_KEY to the current one.',
    );
    return 2;
  }
  const oldKey = loadSecretKey(process.env, dataDir());
  const newKey = loadSecretKey({ SWITCHYARD_SECRET_KEY: next }, dataDir());
  const database = await openDatabase(process.env, (line) => console.error(line));
  const prisma = createPrismaClient(database.url, { maxConnections: 1 });
  try {
    const { rotated } = await rotateSecretKey(prisma, oldKey, newKey);
    console.log(
      `Re-encrypted ${rotated} credential(s). Now set SWITCHYARD_SECRET_KEY to the new key on every web server and worker, and restart them.`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
