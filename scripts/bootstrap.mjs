// Shared by `npm start` and `npm test`: plain Node, no dependencies, since nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PNPM_VERSION = '12.4.2';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 9)) {
  console.error(
    `Switchyard needs Node.js 20.9 or newer; this is ${process.version}. Install Node 20 LTS and run the command again.`,
  );
  process.exit(1);
}

/** Quiet defaults for every child: no telemetry, no Prisma update checks. */
export const QUIET_ENV = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};

/**
 * The pinned pnpm: the one on PATH when it is that version, else a private copy in .data/tools,
 * which is then put first on PATH: package scripts that call `pnpm …`, turbo (which runs each
 * package's script through pnpm) and tests that spawn it must all find the same one.
 */
export function ensurePnpm() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION) return 'pnpm';
  const toolsDir = join(ROOT, '.data', 'tools');
  const local = join(toolsDir, 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) {
    console.log(`Installing pnpm ${PNPM_VERSION} into .data/tools (once)…`);
    run('npm', [
      'install',
      '--prefix',
      toolsDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      `pnpm@${PNPM_VERSION}`,
    ]);
  }
  prependToPath(dirname(local));
  return local;
}

function prependToPath(dir) {
  const path = [dir, ...(process.env.PATH ?? '').split(delimiter).filter((entry) => entry !== dir)].join(
    delimiter,
  );
  process.env.PATH = path;
  QUIET_ENV.PATH = path;
}

/** Runs a command in the repository, inheriting the terminal; exits with its code on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: QUIET_ENV, ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const BWRAP_DIRS = ['/usr/bin', '/usr/local/bin', '/bin'];
const bwrapPath = () =>
  [...(process.env.PATH ?? '').split(delimiter), ...BWRAP_DIRS]
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'bwrap'))
    .find((file) => existsSync(file));

/**
 * The worker runs every agent command in bubblewrap (docs/decisions/0008). When it is missing and we
 * are root on Debian/Ubuntu, install it (a system package, as CI does); otherwise say how. Returns
 * whether agent commands can run here.
 */
export function ensureBubblewrap() {
  if (process.env.SWITCHYARD_SANDBOX?.trim().toLowerCase() === 'off') {
    console.warn('! SWITCHYARD_SANDBOX=off: agent commands will run WITHOUT a sandbox (not recommended).');
    return true;
  }
  if (bwrapPath()) return true;
  const apt = BWRAP_DIRS.map((dir) => join(dir, 'apt-get')).find((file) => existsSync(file));
  if (apt && process.getuid?.() === 0) {
    console.log('Installing bubblewrap (Debian package), the sandbox agent commands run in…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => spawnSync(apt, ['install', '-y', '-qq', 'bubblewrap'], { stdio: 'inherit', env });
    if (install().status !== 0) {
      spawnSync(apt, ['update', '-qq'], { stdio: 'inherit', env });
      install();
    }
    if (bwrapPath()) return true;
  }
  const banner = '!'.repeat(78);
  console.error(
    `\n${banner}\n  bubblewrap is not installed: the worker will refuse to run agent commands.\n  Install it (Debian/Ubuntu: sudo apt-get install -y bubblewrap; Fedora: sudo dnf install bubblewrap),\n  or run unsandboxed at your own risk with SWITCHYARD_SANDBOX=off.\n${banner}\n`,
  );
  return false;
}

/** Install the locked dependencies and generate the Prisma client. */
export function prepare(pnpm) {
  run(pnpm, ['install', '--frozen-lockfile']);
  run(pnpm, ['db:generate']);
}
