// The stack the browser tests drive: the built dashboard and a worker, on a fresh database created
// on DATABASE_URL's server (or the embedded one) and dropped afterwards, so runs never share data.
import { openDatabase } from '@switchyard/db/open';
import { createTestDatabase } from '@switchyard/db/testing';
import { launchStack } from '../../scripts/stack/launch-stack';

const port = Number(process.env.E2E_PORT ?? 3100);
const log = (line: string) => console.log(`[e2e] ${line}`);

const server = await openDatabase(process.env, log);
const database = await createTestDatabase(server.url, { prefix: 'switchyard_e2e' });
await database.prisma.$disconnect();
const stack = await launchStack({
  port,
  host: '127.0.0.1',
  dev: false,
  env: { ...process.env, DATABASE_URL: database.url },
  log,
});
log(`ready at ${stack.url} on database ${database.name}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  await database.drop();
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
