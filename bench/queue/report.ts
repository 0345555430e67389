import { type describeMachine, reportHeader, table } from '../shared/report';
import { median, ms, ratio, summarize } from '../shared/stats';
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

export function render(
  results: Measurement[],
  profiles: Profiled[],
  startedAt: Date,
  machine: Awaited<ReturnType<typeof describeMachine>>,
): string {
  const rows = results.map((m) => {
    const l = summarize(m.latency);
    return [
      m.system,
      String(m.processes),
      ms(median(m.latencyP50s)),
      ms(l.p50),
      ms(l.p95),
      ms(l.p99),
      ms(median(m.latencyP99s)),
      median(m.throughput).toFixed(0),
      m.throughput.map((t) => t.toFixed(0)).join(', '),
      m.commitsPerRun.toFixed(1),
      m.workerCpuMsPerRun.toFixed(2),
    ];
  });
  const verdicts = PROCESS_COUNTS.map((processes) => {
    const ours = results.find((m) => m.processes === processes && m.system === 'Switchyard')!;
    const peer = results.find((m) => m.processes === processes && m.system !== 'Switchyard')!;
    const oursP50 = median(ours.latencyP50s);
    const peerP50 = median(peer.latencyP50s);
    const oursP99 = summarize(ours.latency).p99;
    const peerP99 = summarize(peer.latency).p99;
    const oursTp = median(ours.throughput);
    const peerTp = median(peer.throughput);
    const latencyMet = oursP50 <= peerP50;
    const tpMet = oursTp >= peerTp;
    return [
      String(processes),
      `${ms(oursP50)} vs ${ms(peerP50)} (${ratio(oursP50, peerP50)})`,
      `${ms(oursP99)} vs ${ms(peerP99)} (${ratio(oursP99, peerP99)})`,
      latencyMet ? 'met' : `missed by ${ms(oursP50 - peerP50)} ms at p50`,
      `${oursTp.toFixed(0)} vs ${peerTp.toFixed(0)} (${ratio(oursTp, peerTp)})`,
      tpMet
        ? 'met'
        : `missed by ${(peerTp - oursTp).toFixed(0)} runs/s (${((1 - oursTp / peerTp) * 100).toFixed(0)}% lower)`,
    ];
  });
  return [
    reportHeader(
      'Queue: pickup latency and throughput, Switchyard vs graphile-worker',
      'pnpm bench:queue',
      machine,
      startedAt,
    ),
    '## Result',
    '',
    "Goal: pickup latency no worse than graphile-worker's, throughput at least its non-batched mode.",
    '',
    table(
      [
        'worker processes',
        'pickup p50 ms (ours vs peer)',
        'pickup p99 ms',
        'latency goal',
        'throughput runs/s',
        'throughput goal',
      ],
      verdicts,
    ),
    '',
    '## Figures',
    '',
    table(
      [
        'queue',
        'processes',
        'pickup p50 (median of repeats)',
        'pickup p50 pooled',
        'p95',
        'p99 pooled',
        'p99 (median of repeats)',
        'throughput runs/s (median)',
        'each repeat',
        'commits per run',
        'worker CPU ms per run',
      ],
      rows,
    ),
    '',
    '## Method',
    '',
    `- Same PostgreSQL server (${machine.postgres?.split(' on ')[0] ?? 'unknown'}), a fresh database per queue and process count ` +
      "(`createTestDatabase`: migrated for Switchyard, graphile-worker's own `runMigrations` for the peer). " +
      'Both queues are measured in this one invocation, their order alternating between process counts.',
    `- Worker processes: Switchyard = \`apps/worker/test/support/queue-test-worker.ts\` (the queue tests' real worker ` +
      'process: `loadWorkerConfig`, `Worker`, `WorkerLoop`, production defaults `WORKER_POLL_MS=2000`, `WORKER_LEASE_MS=30000`, ' +
      'pino at `info`) with its `record` handler (insert a row through node-postgres, one event, `lease.finish()`: the ' +
      'fence, the event, the finish and, when a run is due, the claim of the next one in one statement). ' +
      'graphile-worker = `bench/queue/graphile-worker-process.ts` (`run()`, `pollInterval` 2000, default logger at info, ' +
      'no `localQueue`, no batched completion) whose task inserts the same row. ' +
      `Concurrency ${CONCURRENCY} per process for both.`,
    `- Pickup latency: ${LATENCY_RUNS} runs per repeat, one at a time ${GAP_MS}–${GAP_MS + 10} ms apart onto idle workers ` +
      "(`enqueuePhaseRun` with its NOTIFY; graphile `addJob`); latency = `clock_timestamp()` of the handler's insert minus the " +
      "instant the enqueue's commit returned to the benchmark (same host clock). " +
      `${REPEATS} repeats; p50/p99 per repeat and pooled. Before them, ${PICKUP_WARM_UP_RUNS} such runs that are not ` +
      "measured (since the run of 2026-12-07 15:32: a freshly started worker's first runs measure its JIT, and in the runs " +
      'before, whichever queue was measured first at a process count, on a colder machine, had the slower pickup in ' +
      '6 of 8 comparisons).',
    `- Throughput: ${THROUGHPUT_RUNS} runs made pending in one transaction (one \`enqueuePhaseRun\` / \`add_job\` each, ` +
      `committed together) while the workers idle; rate = runs / (last handler start − commit). ${REPEATS} repeats. ` +
      '"commits per run" = `pg_stat_database.xact_commit` of that database over the throughput phase, less the ' +
      "benchmark's own polls, per run (what one trivial run costs the database).",
    '',
    '## What limits our throughput',
    '',
    `One worker process of each queue (concurrency ${CONCURRENCY}), started and warmed up on ${WARM_UP_RUNS} runs, ` +
      `then drained ${THROUGHPUT_RUNS} runs under V8's CPU profiler, with every statement it sent through node-postgres ` +
      'meanwhile counted (steady state: start-up, module loading and the migrations check are not in the profile; ' +
      'earlier versions of this report included them). Self time by area, in µs of CPU per run:',
    '',
    table(['area', ...profiles.map((p) => `${p.system} µs/run`)], areaRows(profiles)),
    '',
    table(
      ['queue', 'runs/s while profiled', 'statements sent per run', 'worker CPU per run (profile) ms'],
      profiles.map((p) => [
        p.system,
        p.runsPerSecond.toFixed(0),
        p.queriesPerRun.toFixed(1),
        (p.profile.areas.reduce((sum, a) => sum + a.selfMs, 0) / THROUGHPUT_RUNS).toFixed(2),
      ]),
    ),
    '',
    analysis(results, profiles),
    '',
    ...profiles.flatMap((p) => [
      `Top functions by self time, ${p.system}:`,
      '',
      table(
        ['function', 'where', 'self ms', 'share'],
        p.profile.top.slice(0, 10).map((t) => [t.fn, `\`${t.where}\``, t.selfMs.toFixed(0), pct(t.share)]),
      ),
      '',
    ]),
    '## Claim query plan',
    '',
    `\`EXPLAIN (ANALYZE, BUFFERS)\` of the claim's candidate SELECT (\`CLAIM_CANDIDATE_SQL\`) on the last Switchyard ` +
      `database after its runs, with ${THROUGHPUT_RUNS} more pending:`,
    '',
    '```',
    results.findLast((m) => m.plan)?.plan ?? '(none)',
    '```',
    '',
  ].join('\n');
}

/** Our commits per run at `processes` worker processes in this run. */
const commitsAt = (results: Measurement[], processes: number) =>
  results.find((m) => m.system === 'Switchyard' && m.processes === processes)?.commitsPerRun.toFixed(1) ??
  '?';

/**
 * `pnpm bench:queue` on the code before decision 0017 (fe5ae5d), on this run's host minutes before
 * it (the figures are that run's Result table).
 */
const SIDE_BY_SIDE_0017 =
  'at 15:17 UTC (load ~1) the code before it ran 1600 against 1603 runs/s at four processes (1.00×) with 6.0 ' +
  'commits per run, and 2151 against 1861 (1.16×) at one process with 3.0';

/** The reading of the figures above, with this run's numbers. */
function analysis(results: Measurement[], profiles: Profiled[]): string {
  const [ours, peer] = profiles as [Profiled, Profiled];
  const one = (system: string) => results.find((m) => m.processes === 1 && m.system === system)!;
  const oursCpu = one('Switchyard').workerCpuMsPerRun;
  const peerCpu = one(peer.system).workerCpuMsPerRun;
  /** Self time of the named (native) functions among the profile's top ones, in µs per run. */
  const native = (p: Profiled, ...names: string[]) =>
    (p.profile.top.filter((t) => names.includes(t.fn)).reduce((sum, t) => sum + t.selfMs, 0) * 1000) /
    THROUGHPUT_RUNS;
  const perStatement = (p: Profiled) => native(p, 'writev') / p.queriesPerRun;
  return [
    "**Reading.** The database is not what limits either queue: the claim's candidate SELECT stays on the partial " +
      'index in about 0.1 ms (plan below). The worker process is, on 2 cores shared with PostgreSQL, and most of its ' +
      'CPU is system calls that wake another process: `writev` to a PostgreSQL connection, about ' +
      `${perStatement(ours).toFixed(0)} µs per statement sent here (${native(ours, 'writev').toFixed(0)} µs per run for ` +
      `our ${ours.queriesPerRun.toFixed(1)} statements, ${native(peer, 'writev').toFixed(0)} µs for graphile-worker's ` +
      `${peer.queriesPerRun.toFixed(1)}), and the synchronous log line to stdout ` +
      `(\`writeString\`, ${native(ours, 'writeString').toFixed(0)} µs per run; graphile-worker's \`console.log\`, ` +
      `${native(peer, 'writeUtf8String', 'consoleCall').toFixed(0)} µs). In the throughput phase ours used ` +
      `${oursCpu.toFixed(2)} ms of CPU per run against graphile-worker's ${peerCpu.toFixed(2)} ms (1 process).`,
    '',
    'How we got here, same benchmark (the figures before 2026-12-07 15:00 UTC were taken on an earlier host of the ' +
      'same kind, a shared 2-core AMD EPYC VM, where both queues ran at about half the rates of this one: compare ' +
      'the ratios, not the rates):',
    '',
    '- 2026-11-26, every statement through Prisma: 7 statements and 2.09 ms of worker CPU per run; pickup p50 4.75 / ' +
      "3.14 ms and 267 / 284 runs/s at 1 / 4 processes, against graphile-worker's 1.32 / 1.49 ms and 1,079 / 760 runs/s.",
    '- Decision 0012 (node-postgres, named statements, a fenced finish in one statement: claim, handler write, ' +
      'finish = 3 statements per run, as graphile-worker): 2026-12-07 10:48, load 3, 0.76 ms of worker CPU per run; ' +
      'pickup p50 1.60 / 1.70 ms (1.01× / 1.00×), 962 / 685 runs/s (0.95× / 0.97×).',
    "- Decision 0015: a plain `finish()` claims the slot's next run in the same statement, so under load a run " +
      "costs 2 statements, the handler's write and the finish that claims the next one; and one info log line per " +
      'run instead of two ("phase run settled" of a run its handler finished is debug; the line left is written ' +
      "after the handler's first statement is sent, off the pickup path). 2026-12-07 12:56, load 1.6: pickup p50 " +
      "0.93× / 0.97×, throughput 979 / 489 runs/s (1.09× / 0.80×) at 1 / 4 processes. At four processes the run's " +
      'event cost most of the gap: its NOTIFY (decision 0006) woke every listening backend of the database at each ' +
      'run, whatever channels it listens on (PostgreSQL signals them all), and each woke and read the notification ' +
      'queue in a transaction: 6.0 commits per run against 2 statements.',
    `- Decision 0017 (this run): a run's events are announced only while a web process watches its task (a ` +
      "`TaskWatch` row that live subscriptions keep). Nobody watches the benchmark's runs, like most runs of a real " +
      `queue, so the \`record\` handler's event is written and announced to nobody: ${commitsAt(results, 4)} commits ` +
      'per run at four processes. Side by side on this host with the code before it (decision 0015), minutes apart: ' +
      `${SIDE_BY_SIDE_0017}.`,
    '',
    '"commits per run" counts transactions, not only statements: PostgreSQL reads notifications in a transaction in ' +
      'every listening backend of the database at each notifying commit. Since decision 0017 a run of a task nobody ' +
      "watches notifies nobody, so its commits are its statements: the handler's write and the finish that claims " +
      "the next run. graphile-worker's completion sends no NOTIFY either; it uses 3 statements per run.",
  ].join('\n');
}

function areaRows(profiles: Profiled[]): string[][] {
  const areas = [...new Set(profiles.flatMap((p) => p.profile.areas.map((a) => a.area)))];
  const perRun = (p: Profiled, area: string) =>
    ((p.profile.areas.find((a) => a.area === area)?.selfMs ?? 0) * 1000) / THROUGHPUT_RUNS;
  return areas
    .map((area) => ({ area, values: profiles.map((p) => perRun(p, area)) }))
    .filter((r) => r.values.some((v) => v >= 20))
    .sort((a, b) => b.values[0]! - a.values[0]!)
    .map((r) => [r.area, ...r.values.map((v) => v.toFixed(0))]);
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
