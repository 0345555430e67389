// Benchmark 2 (issue 7): pickup latency and throughput of trivial phase runs with 1 and 4 worker
// processes, Switchyard's queue next to graphile-worker on the same PostgreSQL, in one invocation.
// `pnpm bench:queue`; writes bench/reports/queue.md.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@switchyard/db/testing';
import { CLAIM_CANDIDATE_SQL } from '../../apps/worker/src/queue';
import { type CpuProfile, summarizeProfile } from '../shared/profile';
import { describeMachine, serverUrl, writeReport } from '../shared/report';
import { summarize } from '../shared/stats';
import { render } from './report';
import {
  CONCURRENCY,
  GAP_MS,
  LATENCY_RUNS,
  type Measurement,
  PICKUP_WARM_UP_RUNS,
  PROCESS_COUNTS,
  type Profiled,
  REPEATS,
  THROUGHPUT_RUNS,
  WARM_UP_RUNS,
} from './settings';
import { commitsIn, GraphileQueue, type QueueSystem, SwitchyardQueue } from './systems';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForHandlings(system: QueueSystem, count: number, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await system.handlings();
    if (rows.length >= count) return rows;
    if (Date.now() > deadline)
      throw new Error(`${system.name}: ${rows.length}/${count} handled after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function measure(
  create: (db: Awaited<ReturnType<typeof createTestDatabase>>) => Promise<QueueSystem>,
  processes: number,
  prefix: string,
): Promise<Measurement> {
  const server = serverUrl();
  const system = await create(
    await createTestDatabase(server, { prefix, migrate: prefix === 'bench_switchyard' }),
  );
  const m: Measurement = {
    system: system.name,
    processes,
    latency: [],
    latencyP50s: [],
    latencyP99s: [],
    throughput: [],
    commitsPerRun: Number.NaN,
    workerCpuMsPerRun: Number.NaN,
  };
  try {
    // Pickup latency: one run at a time onto idle workers.
    await system.startWorkers(processes, CONCURRENCY);
    await sleep(500);
    // Warm-up, not measured: the first runs of a freshly started worker measure its JIT, and the system
    // measured first at a process count found a colder machine (it lost pickup in most runs before this).
    for (let i = 0; i < PICKUP_WARM_UP_RUNS; i += 1) {
      await system.enqueueOne();
      await sleep(GAP_MS + Math.random() * 10);
    }
    await waitForHandlings(system, PICKUP_WARM_UP_RUNS);
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      await system.clearHandlings();
      const committed = new Map<string, number>();
      for (let i = 0; i < LATENCY_RUNS; i += 1) {
        const { id, committedAtMs } = await system.enqueueOne();
        committed.set(id, committedAtMs);
        await sleep(GAP_MS + Math.random() * 10);
      }
      const rows = await waitForHandlings(system, LATENCY_RUNS);
      const samples = rows.map((r) => r.handledAtMs - committed.get(r.id)!);
      m.latency.push(...samples);
      const s = summarize(samples);
      m.latencyP50s.push(s.p50);
      m.latencyP99s.push(s.p99);
    }
    await system.stopWorkers();

    // Throughput: a backlog made pending in one commit, drained by freshly started workers.
    const commitsBefore = await commitsIn(server, system.db.name);
    let polls = 0;
    await system.startWorkers(processes, CONCURRENCY);
    await sleep(500);
    const cpuBefore = system.workerCpuMs();
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      await system.clearHandlings();
      const { committedAtMs } = await system.enqueueBatch(THROUGHPUT_RUNS);
      const rows = await waitForHandlings(system, THROUGHPUT_RUNS);
      polls += Math.ceil((Date.now() - committedAtMs) / 100) + 2;
      const last = Math.max(...rows.map((r) => r.handledAtMs));
      m.throughput.push((THROUGHPUT_RUNS / (last - committedAtMs)) * 1000);
    }
    m.workerCpuMsPerRun = (system.workerCpuMs() - cpuBefore) / (THROUGHPUT_RUNS * REPEATS);
    await system.stopWorkers();
    await sleep(1_500);
    // Every commit in this database during the throughput phase, less the benchmark's own
    // (enqueue batches, polling, truncates), per run: how many transactions one run costs.
    const commits = (await commitsIn(server, system.db.name)) - commitsBefore - polls - 2 * REPEATS;
    m.commitsPerRun = commits / (THROUGHPUT_RUNS * REPEATS);
    if (system instanceof SwitchyardQueue)
      m.plan = await system.explainClaim(CLAIM_CANDIDATE_SQL, THROUGHPUT_RUNS);
    return m;
  } finally {
    await system.close();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = await describeMachine(serverUrl());
  const results: Measurement[] = [];
  for (const [i, processes] of PROCESS_COUNTS.entries()) {
    // Alternate which queue goes first, so that neither always meets the machine in the same state.
    const order = i % 2 === 0 ? ['switchyard', 'graphile'] : ['graphile', 'switchyard'];
    for (const which of order) {
      process.stdout.write(`${which}, ${processes} process(es)…\n`);
      results.push(
        which === 'switchyard'
          ? await measure((db) => SwitchyardQueue.create(db), processes, 'bench_switchyard')
          : await measure((db) => GraphileQueue.create(db), processes, 'bench_graphile'),
      );
    }
  }
  process.stdout.write('profiling one worker process of each…\n');
  const profiles = [
    await profileWorker((db) => SwitchyardQueue.create(db), 'bench_switchyard'),
    await profileWorker((db) => GraphileQueue.create(db), 'bench_graphile'),
  ];
  process.stdout.write(`wrote ${writeReport('queue', render(results, profiles, startedAt, machine))}\n`);
}

/**
 * One worker process (concurrency as above) draining a backlog under V8's CPU profiler, with its
 * node-postgres statements counted: where a trivial run's CPU and round trips go, for both queues.
 * Steady state only: the worker is started and warmed up first, then told (SIGUSR2) to start profiling.
 */
async function profileWorker(
  create: (db: Awaited<ReturnType<typeof createTestDatabase>>) => Promise<QueueSystem>,
  prefix: string,
): Promise<Profiled> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queue-profile-'));
  const system = await create(
    await createTestDatabase(serverUrl(), { prefix, migrate: prefix === 'bench_switchyard' }),
  );
  try {
    await system.startWorkers(1, CONCURRENCY, {
      NODE_OPTIONS: `--import ${fileURLToPath(new URL('./steady-profile-preload.mjs', import.meta.url))}`,
      BENCH_CPU_PROFILE: join(dir, 'worker'),
    });
    await sleep(500);
    await system.enqueueBatch(WARM_UP_RUNS);
    await waitForHandlings(system, WARM_UP_RUNS);
    await system.clearHandlings();
    system.signalWorkers('SIGUSR2');
    await sleep(200);
    const { committedAtMs } = await system.enqueueBatch(THROUGHPUT_RUNS);
    const rows = await waitForHandlings(system, THROUGHPUT_RUNS);
    const last = Math.max(...rows.map((r) => r.handledAtMs));
    await system.stopWorkers();
    const files = readdirSync(dir);
    const profileFile = files.find((f) => f.endsWith('.cpuprofile'));
    const queriesFile = files.find((f) => f.endsWith('.queries'));
    if (!profileFile || !queriesFile) throw new Error(`the profiled ${system.name} worker wrote no profile`);
    return {
      system: system.name,
      profile: summarizeProfile(JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as CpuProfile, 15),
      runsPerSecond: (THROUGHPUT_RUNS / (last - committedAtMs)) * 1000,
      queriesPerRun: Number(readFileSync(join(dir, queriesFile), 'utf8')) / THROUGHPUT_RUNS,
    };
  } finally {
    await system.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
