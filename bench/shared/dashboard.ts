// The real dashboard for the HTTP benchmarks: apps/web/server.ts on the built app (apps/web/.next), started
// exactly as scripts/stack/launch-stack.ts starts it, on a database the benchmark prepared. No worker:
// the benchmarks hold the runs themselves.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Service, startService } from '../../scripts/stack/service';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'apps/web');

/** Never 3000 or 3100 (the dev server and the e2e stack may be using them). */
export const benchPort = (fallback: number) => Number(process.env.BENCH_PORT ?? fallback);

/** Builds the dashboard when apps/web/.next has no production build (or BENCH_BUILD=1). */
export function ensureWebBuild(log: (line: string) => void): void {
  if (process.env.BENCH_BUILD !== '1' && existsSync(join(WEB, '.next', 'BUILD_ID'))) return;
  log('building the dashboard (pnpm --filter @switchyard/web build)…');
  execFileSync('pnpm', ['--filter', '@switchyard/web', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Dashboard {
  url: string;
  service: Service;
  /** CPU (user + system) used so far by every process of the dashboard's process group. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Its output lines are echoed prefixed with `[web]` (startService). */
export async function startDashboard(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<Dashboard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-web-'));
  const nextBin = createRequire(join(WEB, 'package.json')).resolve('next/dist/bin/next');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SWITCHYARD_DATA_DIR: dataDir,
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    // Benches sign up without invitations and keep their repositories in the temporary folder.
    SWITCHYARD_OPEN_SIGNUP: 'on',
    SWITCHYARD_PROJECT_ROOTS: tmpdir(),
    ...extraEnv,
  };
  const lines: string[] = [];
  const service = startService(
    'web',
    process.execPath,
    // The dashboard as the product runs it (apps/web/server.ts, decision 0014); BENCH_DASHBOARD=next-start
    // runs plain `next start` (the API through Next's route handler) for a side-by-side comparison.
    process.env.BENCH_DASHBOARD === 'next-start'
      ? [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1']
      : ['--import', 'tsx', 'server.ts', '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd: WEB, env, onLine: (line) => lines.push(line) },
  );
  const stop = async () => {
    await service.stop(10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (service.child.exitCode !== null) {
      await stop();
      throw new Error(`the dashboard exited with ${service.child.exitCode}:\n${lines.join('\n')}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the dashboard did not answer on ${url} within 120 s:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pgid = service.child.pid!;
  return { url, service, cpuMs: () => processGroupCpuMs(pgid), stop };
}

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of every live process whose process group is `pgid` (from /proc/<pid>/stat). */
export function processGroupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks / CLOCK_TICKS_PER_S) * 1000;
}
