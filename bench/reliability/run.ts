// The reliability report (issue 7): crash trials, provider fault injection, many concurrent tasks and
// API fuzzing, each from an automated run. `pnpm bench:reliability`; writes bench/reports/reliability.md.
// BENCH_SECTIONS=crash,faults,concurrency,fuzz picks sections (a partial run writes a partial report).
import { describeMachine, serverUrl, writeReport } from '../shared/report';
import { runConcurrentTasks } from './concurrent-tasks';
import { runCrashTrials } from './crash-trials';
import { runFaultInjection } from './fault-injection';
import { fuzzApi } from './fuzz-api';
import { type ReliabilityResults, renderReliability } from './report';

const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'crash,faults,concurrency,fuzz').split(','));
const TRIALS_PER_PHASE = Number(process.env.BENCH_TRIALS ?? 20);
const CONCURRENT_TASKS = Number(process.env.BENCH_TASKS ?? 100);

const log = (line: string) => process.stdout.write(`${line}\n`);

async function timed<T>(name: string, section: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`${name}…`);
  const result = await section();
  log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const server = serverUrl();
  const machine = await describeMachine(server);
  const results: ReliabilityResults = {};
  if (SECTIONS.has('crash'))
    results.crash = await timed('crash trials', () =>
      runCrashTrials(
        server,
        {
          trialsPerPhase: TRIALS_PER_PHASE,
          workers: 5,
          // A short lease keeps 80 trials within minutes; bench:recovery measures the default one.
          worker: { leaseMs: 2_000, pollMs: 250, concurrency: 1 },
          maxKillDelayMs: 700,
        },
        log,
      ),
    );
  if (SECTIONS.has('faults'))
    results.faults = await timed('provider fault injection', () => runFaultInjection(server, log));
  if (SECTIONS.has('concurrency'))
    results.concurrency = await timed('concurrent tasks', () =>
      runConcurrentTasks(
        server,
        // The worker's defaults (apps/worker/src/config.ts).
        { tasks: CONCURRENT_TASKS, workers: 4, worker: { leaseMs: 30_000, pollMs: 2_000, concurrency: 2 } },
        log,
      ),
    );
  if (SECTIONS.has('fuzz'))
    results.fuzz = await timed('API fuzzing', () => fuzzApi({ serverUrl: server, log }));
  log(`wrote ${writeReport('reliability', renderReliability(results, startedAt, machine))}`);
}

await main();
