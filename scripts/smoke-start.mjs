// Smoke test of `npm start` as a newcomer runs it (no DATABASE_URL): the embedded database comes up,
// the dashboard answers on :3000, the worker logs ready, and SIGTERM leaves nothing running.
// `--dev` does the same for `pnpm dev` (hot reload). Run by .ci/run after `npm test`. Plain Node so
// it needs nothing installed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ensurePnpm, ROOT } from './bootstrap.mjs';

const PORT = 3000;
const env = { ...process.env };
delete env.DATABASE_URL;

function fail(message) {
  console.error(`smoke-start: FAILED: ${message}`);
  process.exitCode = 1;
}

const dev = process.argv.includes('--dev');
const started = Date.now();
const npm = dev
  ? spawn(ensurePnpm(), ['dev'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  : spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
for (const stream of [npm.stdout, npm.stderr]) {
  stream.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
}
const exited = new Promise((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));

async function until(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    if (npm.exitCode !== null)
      throw new Error(`npm start exited (${npm.exitCode}) while waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

const portOpen = () =>
  new Promise((resolve) => {
    const socket = connect(PORT, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function embeddedPostgresProcesses() {
  try {
    return execFileSync('pgrep', ['-af', join(ROOT, '.data', 'pg')], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

try {
  await until(
    () => output.includes('Switchyard is running at http://localhost:3000'),
    900_000,
    'the "running" line',
  );
  console.log(`smoke-start: up after ${Math.round((Date.now() - started) / 1000)} s`);
  const page = await fetch(`http://localhost:${PORT}/`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('Switchyard')) fail(`GET / answered ${page.status}`);
  await until(() => output.includes('worker ready'), 60_000, 'the worker to log "worker ready"');
  if (!output.includes('embedded PostgreSQL')) fail('the embedded PostgreSQL was not used');
  if (!embeddedPostgresProcesses()) fail('no embedded PostgreSQL process found while running');

  // As `kill <pid>` would: npm passes it to scripts/start.mjs (the script is exec'd), which passes
  // it to the launcher, which stops web, worker and the database it started.
  npm.kill('SIGTERM');
  const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 60_000))]);
  if (result === 'timeout') fail(`${dev ? 'pnpm dev' : 'npm start'} did not exit within 60 s of SIGTERM`);
  const gone = async () => !(await portOpen()) && !embeddedPostgresProcesses();
  await until(gone, 30_000, 'the dashboard and the embedded PostgreSQL to stop').catch(() => {});
  if (await portOpen()) fail(`something still listens on :${PORT} after SIGTERM`);
  const leftovers = embeddedPostgresProcesses();
  if (leftovers) fail(`embedded PostgreSQL still running after SIGTERM:\n${leftovers}`);
} catch (error) {
  fail(error.message);
}
if (process.exitCode) cleanUp();
else
  console.log(
    `smoke-start${dev ? ' --dev' : ''}: passed (dashboard served, worker ready, nothing left running after SIGTERM)`,
  );
// Leftover children may still hold our pipes open: leave explicitly.
process.exit();

/** After a failure, leave nothing of this clone running for the next CI step. */
function cleanUp() {
  try {
    process.kill(npm.pid, 'SIGKILL');
  } catch {}
  spawnSync('pkill', ['-KILL', '-f', join(ROOT, '.data', 'pg')]);
  spawnSync('fuser', ['-k', `${PORT}/tcp`]);
}
