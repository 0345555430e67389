// The stack the browser tests drive: the built dashboard and a worker, on a fresh database created
// on DATABASE_URL's server (or the embedded one) and dropped afterwards, so runs never share data.
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { openDatabase } from '@switchyard/db/open';
import { createTestDatabase } from '@switchyard/db/testing';
import { launchStack } from '../../scripts/stack/launch-stack';

const port = Number(process.env.E2E_PORT ?? 3100);
const log = (line: string) => console.log(`[e2e] ${line}`);

// Every line web and worker print is also kept in a file, so that tests can check the server logs
// (e.g. that no credential secret reaches them).
const SERVER_LOG = new URL('../../.data/test-results/e2e-server.log', import.meta.url).pathname;
mkdirSync(dirname(SERVER_LOG), { recursive: true });
const serverLog = createWriteStream(SERVER_LOG, { flags: 'w' });
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  serverLog.write(chunk);
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

const server = await openDatabase(process.env, log);
const database = await createTestDatabase(server.url, { prefix: 'switchyard_e2e' });
await database.prisma.$disconnect();
// Where the tests find this run's database, for state only a worker writes (support/database.ts).
const DATABASE_URL_FILE = new URL(`../../.data/test-results/e2e-database-${port}.url`, import.meta.url)
  .pathname;
writeFileSync(DATABASE_URL_FILE, database.url);
const stack = await launchStack({
  port,
  host: '127.0.0.1',
  dev: false,
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    // The tests sign up many people without invitations (the invitation-only default has its own
    // integration test) and keep their repositories in the temporary folder.
    SWITCHYARD_OPEN_SIGNUP: 'on',
    SWITCHYARD_PROJECT_ROOTS: tmpdir(),
  },
  log,
});
log(`ready at ${stack.url} on database ${database.name}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  rmSync(DATABASE_URL_FILE, { force: true });
  await database.drop();
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
