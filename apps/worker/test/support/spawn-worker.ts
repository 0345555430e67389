import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The queue tests' worker (a test handler instead of the pipeline). */
export const QUEUE_TEST_WORKER = fileURLToPath(new URL('./queue-test-worker.ts', import.meta.url));
/** The real worker: queue and pipeline, as `pnpm --filter @switchyard/worker start` runs it. */
export const PIPELINE_WORKER = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface SpawnedWorker {
  child: ChildProcess;
  workerId: string;
  /** Every log line so far (pino JSON). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a worker entry point as a real process and resolves once it logged `worker ready`. */
export async function spawnWorker(
  env: Record<string, string>,
  entry: string = QUEUE_TEST_WORKER,
): Promise<SpawnedWorker> {
  const workerId = env.WORKER_ID ?? `proc-${Math.random().toString(36).slice(2, 8)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: workerRoot,
    env: { ...process.env, LOG_LEVEL: 'info', WORKER_ID: workerId, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"msg":"worker ready"')) resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void exited.then(({ code }) =>
      reject(new Error(`worker ${workerId} exited (${code}) before ready:\n${stderr}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  return { child, workerId, lines, exited };
}
