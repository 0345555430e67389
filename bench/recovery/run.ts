// Benchmark 3 (issue 7): time from SIGKILL of a worker process holding a run to that run resuming on
// another worker, with the default lease (30 s) and a lower one. `pnpm bench:recovery`; writes
// bench/reports/recovery.md.
import { createTestDatabase } from '@switchyard/db/testing';
import { type SpawnedWorker, spawnWorker } from '../../apps/worker/test/support/spawn-worker';
import { SwitchyardQueue, wallClockMs } from '../queue/systems';
import { describeMachine, reportHeader, serverUrl, table, writeReport } from '../shared/report';
import { ms, summarize } from '../shared/stats';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 20);
/** Trials run in waves: this many doomed worker processes at once, killed at staggered instants. */
const WAVE = Number(process.env.BENCH_WAVE ?? 10);
const LEASES_MS = (process.env.BENCH_LEASES_MS ?? '30000,3000').split(',').map(Number);
const SLACK_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Trial {
  leaseMs: number;
  /** Kill → the run's lease expiry (what the dead worker's last heartbeat left). */
  toExpiryMs: number;
  /** Kill → the rescuer's handler starting attempt 2. */
  recoveryMs: number;
}

async function wave(system: SwitchyardQueue, leaseMs: number, size: number): Promise<Trial[]> {
  const env = { DATABASE_URL: system.db.url, WORKER_LEASE_MS: String(leaseMs), WORKER_CONCURRENCY: '1' };
  await system.clearHandlings();
  const runs = await Promise.all(Array.from({ length: size }, () => system.enqueueOne()));
  // Each doomed process claims one run and blocks in it forever (the queue tests' `block` handler).
  const doomed = await Promise.all(
    runs.map((_, i) => spawnWorker({ ...env, WORKER_ID: `doomed-${i}`, QUEUE_TEST_HANDLER: 'block' })),
  );
  await waitUntil(async () => (await attempts(system, 1)).size === size, 'every doomed worker to hold a run');
  const holder = await attempts(system, 1);
  const rescuer = await spawnWorker({
    ...env,
    WORKER_ID: 'rescuer',
    WORKER_CONCURRENCY: String(size),
    QUEUE_TEST_HANDLER: 'record',
  });
  const killedAt = new Map<string, number>();
  const expiresAt = new Map<string, number>();
  try {
    // Kill at instants spread over a heartbeat period, so that trials see every heartbeat phase.
    await Promise.all(
      runs.map(async ({ id }) => {
        await sleep(Math.random() * (leaseMs / 3));
        const worker = doomed.find((w) => w.workerId === holder.get(id))!;
        killedAt.set(id, wallClockMs());
        worker.child.kill('SIGKILL');
        await worker.exited;
        expiresAt.set(id, await leaseExpiry(system, id));
      }),
    );
    await waitUntil(
      async () => (await attempts(system, 2)).size === size,
      'every run to resume',
      leaseMs * 2 + 30_000,
    );
    const resumed = await handledAt(system, 2);
    return runs.map(({ id }) => ({
      leaseMs,
      toExpiryMs: expiresAt.get(id)! - killedAt.get(id)!,
      recoveryMs: resumed.get(id)! - killedAt.get(id)!,
    }));
  } finally {
    await stop([rescuer, ...doomed]);
  }
}

async function stop(workers: SpawnedWorker[]) {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}

async function attempts(system: SwitchyardQueue, attempt: number): Promise<Map<string, string>> {
  const rows = await system.prisma.$queryRaw<{ runId: string; workerId: string }[]>`
    SELECT "runId", "workerId" FROM queue_test_handled WHERE attempt = ${attempt}`;
  return new Map(rows.map((r) => [r.runId, r.workerId]));
}

async function handledAt(system: SwitchyardQueue, attempt: number): Promise<Map<string, number>> {
  const rows = await system.prisma.$queryRaw<{ runId: string; at: number }[]>`
    SELECT "runId", (extract(epoch from "handledAt") * 1000)::float8 AS at FROM queue_test_handled
     WHERE attempt = ${attempt}`;
  return new Map(rows.map((r) => [r.runId, r.at]));
}

async function leaseExpiry(system: SwitchyardQueue, id: string): Promise<number> {
  const rows = await system.prisma.$queryRaw<{ at: number | null }[]>`
    SELECT (extract(epoch from "leaseExpiresAt") * 1000)::float8 AS at FROM "PhaseRun" WHERE id = ${id}`;
  return rows[0]?.at ?? Number.NaN;
}

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = await describeMachine(serverUrl());
  const trials: Trial[] = [];
  for (const leaseMs of LEASES_MS) {
    const system = await SwitchyardQueue.create(
      await createTestDatabase(serverUrl(), { prefix: 'bench_recovery' }),
    );
    try {
      for (let done = 0; done < TRIALS; done += WAVE) {
        const size = Math.min(WAVE, TRIALS - done);
        process.stdout.write(`lease ${leaseMs} ms: trials ${done + 1}–${done + size}…\n`);
        trials.push(...(await wave(system, leaseMs, size)));
      }
    } finally {
      await system.close();
    }
  }
  process.stdout.write(`wrote ${writeReport('recovery', render(trials, startedAt, machine))}\n`);
}

function render(
  trials: Trial[],
  startedAt: Date,
  machine: Awaited<ReturnType<typeof describeMachine>>,
): string {
  const rows = LEASES_MS.map((leaseMs) => {
    const mine = trials.filter((t) => t.leaseMs === leaseMs);
    const r = summarize(mine.map((t) => t.recoveryMs));
    const e = summarize(mine.map((t) => t.recoveryMs - t.toExpiryMs));
    const goal = leaseMs + SLACK_MS;
    return [
      `${leaseMs / 1000} s`,
      String(r.n),
      ms(r.p50 / 1000),
      ms(r.p95 / 1000),
      ms(r.p99 / 1000),
      ms(r.max / 1000),
      ms(e.p50 / 1000),
      ms(e.max / 1000),
      `${goal / 1000} s`,
      r.max <= goal
        ? `met (worst ${((r.max / goal) * 100).toFixed(0)}% of it)`
        : `missed by ${ms((r.max - goal) / 1000)} s`,
    ];
  });
  const detail = trials.map((t, i) => [
    String(i + 1),
    `${t.leaseMs / 1000} s`,
    ms(t.toExpiryMs / 1000),
    ms(t.recoveryMs / 1000),
  ]);
  return [
    reportHeader(
      'Recovery: SIGKILL of a worker holding a run → the run resumes elsewhere',
      'pnpm bench:recovery',
      machine,
      startedAt,
    ),
    '## Result',
    '',
    `Goal: every run resumes within the lease + ${SLACK_MS / 1000} s, and the lease is configurable lower (\`WORKER_LEASE_MS\`). ` +
      "Peer: graphile-worker recovers a crashed worker's job when its lock times out, **4 hours** by default " +
      '(not measured: it would take 4 hours per trial).',
    '',
    table(
      [
        'lease',
        'trials',
        'recovery p50 s',
        'p95 s',
        'p99 s',
        'max s',
        'lease expiry → resumed p50 s',
        'max s',
        'goal',
        'verdict',
      ],
      rows,
    ),
    '',
    "What limits it: a dead worker's lease still runs for up to one lease (it was renewed every lease/3, so " +
      '2/3 to 3/3 of the lease remains at the kill), then the next `recoverExpiredLeases` pass of a live worker ' +
      '(every min(`WORKER_POLL_MS`, lease/2)) re-queues it with a NOTIFY and an idle slot claims it at once. ' +
      'Expected range: 2/3·lease to lease + min(poll, lease/2) + pickup.',
    '',
    '## Method',
    '',
    `- ${TRIALS} trials per lease, in waves of ${WAVE}: a fresh database; one run per doomed worker process ` +
      "(`apps/worker/test/support/queue-test-worker.ts`, the queue tests' real worker, `block` handler: records the " +
      'attempt, flushes events, never returns; `WORKER_CONCURRENCY=1`); once every run is held, a rescuer process ' +
      `(\`record\` handler, same lease, default \`WORKER_POLL_MS=2000\`) starts; each doomed process gets SIGKILL at a ` +
      'random instant within one heartbeat period (lease/3).',
    "- Recovery = `clock_timestamp()` when the rescuer's handler starts attempt 2 minus the instant of the kill " +
      '(same host clock). "lease expiry → resumed" subtracts the dead lease\'s remaining time (read after the kill).',
    '',
    '## Every trial',
    '',
    table(['trial', 'lease', 'kill → lease expiry s', 'kill → resumed s'], detail),
    '',
  ].join('\n');
}

await main();
