// `npm start`: install, build, then run the dashboard and one worker on the embedded database
// (or DATABASE_URL). `npm run dev` does the same with hot reload. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { ensureBubblewrap, ensurePnpm, prepare, QUIET_ENV, ROOT, run } from './bootstrap.mjs';

const dev = process.argv.includes('--dev');
const pnpm = ensurePnpm();
prepare(pnpm);
// Without it the dashboard still starts; the worker blocks phases that run commands, saying why.
ensureBubblewrap();
if (!dev) run(pnpm, ['build']);

const stack = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', ...(dev ? ['--dev'] : [])], {
  cwd: ROOT,
  stdio: 'inherit',
  env: QUIET_ENV,
});
// The launcher owns shutdown: pass signals on and leave with its exit code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stack.kill(signal));
stack.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
