// Benchmark 5 (issue 7): events per second one phase can write through the worker's real write path
// (PhaseRunLease.appendEvents → EventBuffer → fenced transaction with insertPhaseEvents), and the latency
// from an event's commit to a client subscribed through the dashboard's tasks.subscribe SSE endpoint.
// `pnpm bench:events`; writes bench/reports/events.md.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import { createTestDatabase, type TestDatabase } from '@switchyard/db/testing';
import pg from 'pg';
import { claimNextPhaseRun, type PhaseEventInput, PhaseRunLease } from '../../apps/worker/src/queue';
import { seedVolume } from '../api/seed';
import { type BenchTeam, createBenchTeam, trpcUrl } from '../shared/bench-team';
import { benchPort, type Dashboard, ensureWebBuild, startDashboard } from '../shared/dashboard';
import { describeMachine, reportHeader, serverUrl, table, writeReport } from '../shared/report';
import { median, ms, summarize } from '../shared/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Events appended as fast as possible per throughput round. */
const BURST = Number(process.env.BENCH_BURST ?? 5_000);
/** Events per appendEvents call: 1 as the pipeline's event log appends, 50 (one buffer batch) for contrast. */
const PER_CALL = [1, 50];
/** Offered rates (events/s), the goal's first. */
const PACED_RATES = [2_000, 4_000];
const PACED_S = Number(process.env.BENCH_PACED_S ?? 5);
/** Latency samples per round, mode and subscriber count. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1,10').split(',').map(Number);
/** Seed the api benchmark's 10,000 tasks / 1,000,000 events first (0 to skip, for quick trials). */
const SEED = process.env.BENCH_EVENTS_SEED !== '0';
const PORT = benchPort(3320);
const GOAL_RATE = 2_000;
const GOAL_P95_MS = 250;
const LEASE_MS = 30_000;

const log = (line: string) => process.stdout.write(`[bench:events] ${line}\n`);
const wallClockMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const TEXT = 'The model streams a sentence of about this length, one delta per event, to the log.'.padEnd(
  120,
  '.',
);
const event = (n: number, marker?: number): PhaseEventInput => ({
  type: 'assistant_text',
  payload: marker === undefined ? { n, text: TEXT } : { n, marker, text: TEXT },
});

/** Counts the event INSERTs (one per non-empty batch) and every statement sent, at the pg driver. */
function countStatements() {
  const counts = { inserts: 0, statements: 0, transactions: 0 };
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: the overloads of query() cannot be re-declared here
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: any[]) {
    const text: string = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
    counts.statements += 1;
    if (text.includes('INSERT INTO "PhaseEvent"')) counts.inserts += 1;
    if (/^\s*BEGIN\b/i.test(text)) counts.transactions += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    counts,
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}

/** A running task of the team with one claimed coding run, held the way the worker loop holds it. */
async function claimRun(db: TestDatabase, client: pg.Client, team: BenchTeam): Promise<PhaseRunLease> {
  const taskId = randomUUID();
  await client.query(
    `INSERT INTO "Task" (id, "teamId", "projectId", title, description, status, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'events bench', 'writes events', 'running', now(), now())`,
    [taskId, team.teamId, team.projectId],
  );
  await enqueuePhaseRun(db.prisma, {
    taskId,
    phase: 'coding',
    kind: 'coding.subtask',
    subtaskId: 'subtask-1',
    routingDecision: { provider: 'bench' },
  });
  const run = await claimNextPhaseRun(db.prisma, { workerId: 'bench-events', leaseMs: LEASE_MS });
  if (!run) throw new Error('no run to claim');
  const lease = new PhaseRunLease(db.prisma, run, {
    workerId: 'bench-events',
    leaseMs: LEASE_MS,
    onBackgroundError: (error) => log(`background error: ${String(error)}`),
  });
  lease.startHeartbeat();
  return lease;
}

interface Burst {
  round: number;
  perCall: number;
  events: number;
  transactions: number;
  seconds: number;
  batches: number;
  statements: number;
}

/** Appends BURST events, `perCall` per appendEvents call, yielding to the event loop between calls, then flushes. */
async function burst(lease: PhaseRunLease, round: number, perCall: number): Promise<Burst> {
  const { counts, restore } = countStatements();
  const started = performance.now();
  try {
    for (let n = 0; n < BURST; n += perCall) {
      lease.appendEvents(Array.from({ length: Math.min(perCall, BURST - n) }, (_, i) => event(n + i)));
      await yieldToLoop();
    }
    await lease.flushEvents();
  } finally {
    restore();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    round,
    perCall,
    events: BURST,
    seconds,
    batches: counts.inserts,
    transactions: counts.transactions,
    statements: counts.statements,
  };
}

interface Paced {
  round: number;
  rate: number;
  offered: number;
  /** Events / (first append → everything committed). */
  committedPerS: number;
  /** After the last append, how long until every event had committed. */
  drainMs: number;
  /** Most events waiting in the buffer at any tick. */
  maxBacklog: number;
}

/** Offers `rate` events/s (in 5 ms ticks, one appendEvents call per event) for PACED_S seconds. */
async function paced(lease: PhaseRunLease, round: number, rate: number): Promise<Paced> {
  const total = rate * PACED_S;
  const started = performance.now();
  let sent = 0;
  let maxBacklog = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    // One event per call, as the pipeline's event log appends them.
    for (; sent < due; sent += 1) lease.appendEvents([event(sent)]);
    maxBacklog = Math.max(maxBacklog, (lease as unknown as { events: { size: number } }).events.size);
    await sleep(5);
  }
  const lastAppend = performance.now();
  await lease.flushEvents();
  const end = performance.now();
  return {
    round,
    rate,
    offered: total,
    committedPerS: total / ((end - started) / 1000),
    drainMs: end - lastAppend,
    maxBacklog,
  };
}

/** One subscribed client: GET /api/trpc/tasks.subscribe as text/event-stream, noting when each marker arrives. */
function subscribe(dashboard: Dashboard, apiKey: string, taskId: string) {
  const received = new Map<number, number>();
  const controller = new AbortController();
  const ready = (async () => {
    const response = await fetch(trpcUrl(dashboard.url, 'tasks.subscribe', { taskId }), {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`tasks.subscribe: HTTP ${response.status}`);
    return response.body;
  })();
  const done = ready.then(async (body) => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        const at = wallClockMs();
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('data:')) continue;
          const marker = line.match(/"marker":(\d+)/);
          if (marker) received.set(Number(marker[1]), at);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  });
  return { received, ready, done, close: () => controller.abort() };
}

interface LatencyRound {
  round: number;
  subscribers: number;
  mode: 'commit' | 'append';
  /** ms per (sample, subscriber). */
  latencies: number[];
  missing: number;
}

let nextMarker = 1;

/**
 * `commit`: append one event and flush it at once; latency = client receipt − the flush's commit.
 * `append`: append one event and let the buffer flush it (≤ 100 ms later); latency = receipt − append.
 */
async function latencyRound(
  lease: PhaseRunLease,
  clients: ReturnType<typeof subscribe>[],
  round: number,
  mode: LatencyRound['mode'],
): Promise<LatencyRound> {
  const sentAt = new Map<number, number>();
  for (let i = 0; i < SAMPLES; i += 1) {
    const marker = nextMarker++;
    if (mode === 'commit') {
      lease.appendEvents([event(i, marker)]);
      await lease.flushEvents();
      sentAt.set(marker, wallClockMs());
    } else {
      sentAt.set(marker, wallClockMs());
      lease.appendEvents([event(i, marker)]);
    }
    // Random gaps, so that events land at every phase of the subscription's 250 ms poll.
    await sleep(20 + Math.random() * 60);
  }
  await lease.flushEvents();
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && clients.some((c) => [...sentAt.keys()].some((m) => !c.received.has(m))))
    await sleep(50);
  const latencies: number[] = [];
  let missing = 0;
  for (const c of clients)
    for (const [marker, at] of sentAt) {
      const got = c.received.get(marker);
      if (got === undefined) missing += 1;
      else latencies.push(got - at);
    }
  return { round, subscribers: clients.length, mode, latencies, missing };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = await describeMachine(serverUrl());
  ensureWebBuild(log);
  const db = await createTestDatabase(serverUrl(), { prefix: 'bench_events' });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let dashboard: Dashboard | undefined;
  const leases: PhaseRunLease[] = [];
  try {
    const team = await createBenchTeam(client);
    let seededEvents = 0;
    if (SEED) {
      const seeded = await seedVolume(client, team.teamId, team.projectId, log);
      seededEvents = seeded.events;
    }

    const bursts: Burst[] = [];
    const pacedRounds: Paced[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const perCall of round % 2 ? PER_CALL : [...PER_CALL].reverse()) {
        const lease = await claimRun(db, client, team);
        leases.push(lease);
        const b = await burst(lease, round, perCall);
        bursts.push(b);
        log(
          `round ${round}, ${perCall}/call: ${b.events} events in ${b.seconds.toFixed(2)} s = ` +
            `${(b.events / b.seconds).toFixed(0)}/s, ${b.transactions} transactions, ${b.batches} INSERTs`,
        );
        lease.end();
      }
      for (const rate of PACED_RATES) {
        const lease = await claimRun(db, client, team);
        leases.push(lease);
        const p = await paced(lease, round, rate);
        pacedRounds.push(p);
        log(
          `round ${round}: ${rate}/s offered for ${PACED_S} s, committed ${p.committedPerS.toFixed(0)}/s, ` +
            `drained ${ms(p.drainMs)} ms after the last append`,
        );
        lease.end();
      }
    }

    dashboard = await startDashboard(db.url, PORT);
    log(`dashboard at ${dashboard.url}`);
    const latencies: LatencyRound[] = [];
    for (const subscribers of SUBSCRIBERS) {
      const lease = await claimRun(db, client, team);
      leases.push(lease);
      const clients = Array.from({ length: subscribers }, () =>
        subscribe(dashboard!, team.apiKey, lease.run.taskId),
      );
      await Promise.all(clients.map((c) => c.ready));
      await sleep(500);
      try {
        for (let round = 1; round <= ROUNDS; round += 1)
          for (const mode of round % 2 ? (['commit', 'append'] as const) : (['append', 'commit'] as const)) {
            const r = await latencyRound(lease, clients, round, mode);
            latencies.push(r);
            const s = summarize(r.latencies);
            log(
              `${subscribers} subscriber(s), round ${round}, ${mode}: p50 ${ms(s.p50)} p95 ${ms(s.p95)} ` +
                `max ${ms(s.max)} ms, missing ${r.missing}`,
            );
          }
      } finally {
        for (const c of clients) c.close();
        await Promise.allSettled(clients.map((c) => c.done));
        lease.end();
      }
    }
    const path = writeReport(
      'events',
      render({ bursts, pacedRounds, latencies, seededEvents, startedAt, machine }),
    );
    log(`wrote ${path}`);
  } finally {
    for (const lease of leases) lease.end();
    await dashboard?.stop();
    await client.end();
    await db.drop();
  }
}

function render(input: {
  bursts: Burst[];
  pacedRounds: Paced[];
  latencies: LatencyRound[];
  seededEvents: number;
  startedAt: Date;
  machine: Awaited<ReturnType<typeof describeMachine>>;
}): string {
  const { bursts, pacedRounds, latencies, seededEvents, startedAt, machine } = input;
  const ratesOf = (perCall: number) =>
    bursts.filter((b) => b.perCall === perCall).map((b) => b.events / b.seconds);
  const rates = ratesOf(1);
  const rate = median(rates);
  const batchedRates = ratesOf(PER_CALL[1]!);
  const pacedOf = (rate: number) => pacedRounds.filter((p) => p.rate === rate);
  const keptUp = (rate: number) => pacedOf(rate).filter((p) => p.drainMs < 1_000).length;
  const goalPaced = pacedOf(GOAL_RATE);
  const goalCommitted = median(goalPaced.map((p) => p.committedPerS));
  const goalVerdict =
    keptUp(GOAL_RATE) === goalPaced.length && goalCommitted >= GOAL_RATE * 0.95
      ? `met (kept up in ${keptUp(GOAL_RATE)} of ${goalPaced.length} rounds)`
      : `missed (kept up in ${keptUp(GOAL_RATE)} of ${goalPaced.length} rounds)`;
  const rateVerdict =
    rate >= GOAL_RATE
      ? `met (${(rate / GOAL_RATE).toFixed(1)}× the goal)`
      : `missed by ${(GOAL_RATE - rate).toFixed(0)} events/s`;
  const latencyRows = SUBSCRIBERS.flatMap((subscribers) =>
    (['commit', 'append'] as const).map((mode) => {
      const mine = latencies.filter((r) => r.subscribers === subscribers && r.mode === mode);
      const s = summarize(mine.flatMap((r) => r.latencies));
      const goal =
        mode === 'commit'
          ? s.p95 < GOAL_P95_MS
            ? `met (${((s.p95 / GOAL_P95_MS) * 100).toFixed(0)}% of it)`
            : `missed by ${ms(s.p95 - GOAL_P95_MS)} ms`
          : "(not the goal's measure)";
      return [
        String(subscribers),
        mode === 'commit' ? 'commit → client' : 'appendEvents → client',
        String(s.n),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.max),
        ms(median(mine.map((r) => summarize(r.latencies).p95))),
        String(mine.reduce((n, r) => n + r.missing, 0)),
        goal,
      ];
    }),
  );
  const commitOne = summarize(
    latencies
      .filter((r) => r.subscribers === SUBSCRIBERS[0] && r.mode === 'commit')
      .flatMap((r) => r.latencies),
  );
  return [
    reportHeader(
      'Events: write rate of one phase, and commit → subscribed client latency',
      'pnpm bench:events',
      machine,
      startedAt,
    ),
    '## Result',
    '',
    `Goals: ${GOAL_RATE.toLocaleString('en')} events/s per phase; p95 from commit to a subscribed client under ` +
      `${GOAL_P95_MS} ms. No peer runs in this benchmark (the issue sets absolute goals).`,
    '',
    table(
      ['measure', 'Switchyard', 'goal', 'verdict'],
      [
        ...PACED_RATES.map((r) => [
          `${r.toLocaleString('en')} events/s offered for ${PACED_S} s, one event per \`appendEvents\` call as the pipeline appends them`,
          `${r === GOAL_RATE ? '**' : ''}${median(pacedOf(r).map((p) => p.committedPerS)).toFixed(0)}/s committed${r === GOAL_RATE ? '**' : ''}, ` +
            `kept up in ${keptUp(r)} of ${pacedOf(r).length} rounds (all written ≤ 1 s after the last append)`,
          `${GOAL_RATE.toLocaleString('en')}/s`,
          r === GOAL_RATE
            ? goalVerdict
            : keptUp(r) === pacedOf(r).length
              ? 'headroom: kept up'
              : 'did not keep up',
        ]),
        [
          'as fast as the phase can append, one event per call (median of rounds)',
          `${rate.toFixed(0)}/s (rounds: ${rates.map((r) => r.toFixed(0)).join(', ')})`,
          `${GOAL_RATE.toLocaleString('en')}/s`,
          `${rateVerdict}: a collapse under overload, see below`,
        ],
        [
          `as fast as possible, ${PER_CALL[1]} events per call (the write path without the per-call flush requests)`,
          `${median(batchedRates).toFixed(0)}/s (rounds: ${batchedRates.map((r) => r.toFixed(0)).join(', ')})`,
          `${GOAL_RATE.toLocaleString('en')}/s`,
          median(batchedRates) >= GOAL_RATE ? 'would meet it' : 'would miss it',
        ],
        [
          `commit → client p95, ${SUBSCRIBERS[0]} subscriber`,
          `**${ms(commitOne.p95)} ms** (p50 ${ms(commitOne.p50)}, max ${ms(commitOne.max)})`,
          `< ${GOAL_P95_MS} ms`,
          commitOne.p95 < GOAL_P95_MS
            ? `met (${((commitOne.p95 / GOAL_P95_MS) * 100).toFixed(0)}% of it)`
            : `missed by ${ms(commitOne.p95 - GOAL_P95_MS)} ms`,
        ],
      ],
    ),
    '',
    '### Write rate',
    '',
    table(
      [
        'round',
        'events per call',
        'events',
        'seconds',
        'events/s',
        'fenced transactions',
        'of them with an INSERT',
        'events per INSERT',
        'statements per event',
      ],
      bursts.map((b) => [
        String(b.round),
        String(b.perCall),
        String(b.events),
        b.seconds.toFixed(2),
        (b.events / b.seconds).toFixed(0),
        String(b.transactions),
        String(b.batches),
        (b.events / Math.max(1, b.batches)).toFixed(0),
        (b.statements / b.events).toFixed(2),
      ]),
    ),
    '',
    `Offered rates for ${PACED_S} s (in 5 ms ticks, one \`appendEvents\` call per event):`,
    '',
    table(
      [
        'round',
        'offered events/s',
        'events',
        'committed events/s',
        'most events waiting in the buffer',
        'all committed, ms after the last append',
      ],
      pacedRounds.map((p) => [
        String(p.round),
        String(p.rate),
        String(p.offered),
        p.committedPerS.toFixed(0),
        String(p.maxBacklog),
        ms(p.drainMs),
      ]),
    ),
    '',
    '### Latency to a subscribed client',
    '',
    table(
      [
        'subscribers',
        'measured',
        'samples',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'median of round p95s',
        'missing',
        `goal p95 < ${GOAL_P95_MS} ms`,
      ],
      latencyRows,
    ),
    '',
    '## What limits it',
    '',
    '- **Latency**: `tasks.subscribe` polls. Each pass runs `taskIsSettled` and `listTaskEvents`; when it finds ' +
      'nothing it sleeps 250 ms (packages/api/src/routers/tasks.ts). An event committed at a random instant therefore ' +
      'waits U(0, 250 ms) for the next pass plus the two queries, so p50 ≈ 125 ms + queries and p95 ≈ 0.95 × 250 ms ' +
      '+ queries ≈ 240 ms + queries: the poll interval alone uses 95% of the budget, and the margin is the two ' +
      'queries and the HTTP flush. LISTEN/NOTIFY on commit (the queue already has the channel helpers) or a 100 ms ' +
      'poll would cut it to the query time.',
    "- `appendEvents → client` adds the EventBuffer's wait: a lone event is written `eventFlushMs` (100 ms) after " +
      'it was appended, or at once when 50 are waiting.',
    '- **Write rate, one event per call**: `EventBuffer.append` calls `due()` on *every* append while 50 or more ' +
      'events are waiting, not once per batch, and each `due()` (→ `flushInBackground` → `flushEvents()`, ' +
      'apps/worker/src/queue/event-buffer.ts and run-lease.ts) chains one more fenced transaction on the lease. The ' +
      'first of them takes every waiting event; the ones queued behind it mostly find the buffer empty but still run ' +
      'BEGIN, the lock + fencing-token check, the still-running check and COMMIT. With a producer faster than one ' +
      'transaction, transactions approach one per event (the `fenced transactions` column), so the rate is bounded by ' +
      "one transaction's round trips per event. With 50 events per call the same path makes one flush request per " +
      'call; that row shows what the INSERT path itself sustains. A fix in the worker (not made here): ' +
      '`flushInBackground` should not queue a flush while one is already queued (the queued one takes whatever ' +
      'arrives meanwhile).',
    "- Offered at the goal's rate in 5 ms ticks (10 calls per tick), the backlog stays small enough that each tick " +
      'adds at most a few queued transactions, so the paced rows show whether a phase streaming at 2,000/s keeps up.',
    '',
    '## Method',
    '',
    `- A fresh database${seededEvents ? ` seeded like the api benchmark (10,000 tasks, ${seededEvents.toLocaleString('en')} events)` : ''}; ` +
      "a team, an API key, and per measurement a running task whose coding run is claimed with the worker's " +
      '`claimNextPhaseRun` and held by a `PhaseRunLease` (heartbeat on, 30 s lease, default `eventBatchSize` 50 and ' +
      '`eventFlushMs` 100) in this process, exactly as the worker loop holds one.',
    `- Write rate: ${BURST.toLocaleString('en')} \`assistant_text\` events (~170-byte jsonb payload) appended one per ` +
      '`appendEvents` call, yielding to the event loop between calls (a phase streaming deltas as fast as it can), ' +
      'then `flushEvents()`; rate = events / (first append → flush committed). ' +
      `${ROUNDS} rounds, a new run each. Then a new run offered each of ${PACED_RATES.join(' and ')} events/s for ${PACED_S} s, one event per call in 5 ms ticks; committed rate = events / (first append → all committed).`,
    `- Latency: the dashboard's production build under \`next start\` (port ${PORT}, no worker); each client is a ` +
      '`fetch` of `GET /api/trpc/tasks.subscribe?input=…` with `Authorization: Bearer sy_…` and ' +
      "`accept: text/event-stream`, reading the SSE stream as a browser's EventSource would (tRPC's " +
      '`httpSubscriptionLink` is an EventSource on that URL). The clients subscribe before the events are written. ' +
      `${SAMPLES} events per round and mode, 20–80 ms apart (random), ${ROUNDS} rounds, modes alternating. ` +
      '`commit`: append one event then `await flushEvents()`; the instant it resolves is the commit. `append`: the ' +
      'instant of `appendEvents`, the buffer flushes on its own. Latency = the instant the client read the chunk ' +
      'holding the event − that instant (one clock, one host).',
    '',
  ].join('\n');
}

await main();
