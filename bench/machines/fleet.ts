// The worker processes of one configuration: real workers (apps/worker/src/main.ts), each told which
// simulated machine it is on by its WORKER_DATA_DIR (its worktrees and its clones of the projects).
// Workers of one machine share that folder; nothing else is shared but PostgreSQL and the project.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PIPELINE_WORKER,
  type SpawnedWorker,
  spawnWorker,
} from '../../apps/worker/test/support/spawn-worker';
import { SECRET_KEY } from '../../tests/acceptance/support/fixtures';

export interface FleetOptions {
  databaseUrl: string;
  /** One entry per worker process: the name of the machine it is on. */
  machines: string[];
  /** Each machine's WORKER_DATA_DIR is `<scratch>/<machine>`. */
  scratch: string;
  concurrency: number;
}

export interface FleetWorker extends SpawnedWorker {
  machine: string;
}

/** One claim of a phase run, from the worker's own log line. */
export interface Claim {
  runId: string;
  workerId: string;
  machine: string;
  /** pino's `time` (ms since the epoch). */
  at: number;
}

export interface Fleet {
  workers: FleetWorker[];
  /** How each worker started its sandbox (the `sandbox` field of its start-up log line). */
  sandbox(): string[];
  /** Every "claimed phase run" line of every worker. */
  claims(): Claim[];
  /** Log lines at warn or above, counted by message. */
  warnings(): Map<string, number>;
  /** CPU since start (ms): the workers' own (utime + stime), their reaped children's (cutime + cstime). */
  cpuMs(): { own: number; children: number };
  /** Workers that are no longer running (they should all be, until stop). */
  dead(): string[];
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime, and the reaped children's cutime + cstime, of a live process (ms). */
function cpuMsOf(pid: number | undefined): { own: number; children: number } {
  if (pid === undefined) return { own: 0, children: 0 };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const toMs = (ticks: number) => (ticks / CLOCK_TICKS_PER_S) * 1000;
    return { own: toMs(fields[11]! + fields[12]!), children: toMs(fields[13]! + fields[14]!) };
  } catch {
    return { own: 0, children: 0 };
  }
}

const parse = (line: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const workers: FleetWorker[] = [];
  const spawnOne = async (machine: string, index: number) => {
    const worker = await spawnWorker(
      {
        DATABASE_URL: options.databaseUrl,
        WORKER_ID: `${machine}-w${index + 1}`,
        // The worker's defaults (apps/worker/src/config.ts), as bench:reliability's concurrency run.
        WORKER_LEASE_MS: '30000',
        WORKER_POLL_MS: '2000',
        WORKER_CONCURRENCY: String(options.concurrency),
        WORKER_SHUTDOWN_GRACE_MS: '5000',
        SWITCHYARD_SECRET_KEY: SECRET_KEY.toString('base64'),
        WORKER_DATA_DIR: join(options.scratch, machine),
        // Blank: the worktrees go where WORKER_DATA_DIR says (a blank variable counts as unset).
        SWITCHYARD_WORKTREES_DIR: '',
        // The bench's repository lives in the temporary folder.
        SWITCHYARD_PROJECT_ROOTS: tmpdir(),
      },
      PIPELINE_WORKER,
    );
    workers.push({ ...worker, machine });
  };
  // Two at a time: eight tsx start-ups at once on two cores can miss spawnWorker's 30 s deadline.
  for (let i = 0; i < options.machines.length; i += 2) {
    await Promise.all(options.machines.slice(i, i + 2).map((machine, j) => spawnOne(machine, i + j)));
  }
  const cpuAtStart = workers.map((w) => cpuMsOf(w.child.pid));
  const lines = (w: FleetWorker) =>
    w.lines.map(parse).filter((l): l is Record<string, unknown> => l !== null);

  return {
    workers,
    sandbox: () =>
      workers.map((w) => {
        const line = lines(w).find((l) => 'sandbox' in l);
        return line ? String(line.sandbox) : 'not logged';
      }),
    claims: () =>
      workers.flatMap((w) =>
        lines(w)
          .filter((l) => l.msg === 'claimed phase run')
          .map((l) => ({
            runId: String(l.runId),
            workerId: w.workerId,
            machine: w.machine,
            at: Number(l.time),
          })),
      ),
    warnings: () => {
      const counts = new Map<string, number>();
      for (const w of workers)
        for (const l of lines(w))
          if (Number(l.level) >= 40) counts.set(String(l.msg), (counts.get(String(l.msg)) ?? 0) + 1);
      return counts;
    },
    cpuMs: () =>
      workers.reduce(
        (sum, w, i) => {
          const now = cpuMsOf(w.child.pid);
          return {
            own: sum.own + now.own - cpuAtStart[i]!.own,
            children: sum.children + now.children - cpuAtStart[i]!.children,
          };
        },
        { own: 0, children: 0 },
      ),
    dead: () =>
      workers
        .filter((w) => w.child.exitCode !== null || w.child.signalCode !== null)
        .map((w) => `${w.workerId} (exit ${w.child.exitCode ?? w.child.signalCode})`),
    async stop() {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
    },
  };
}
