// The measurements: bursts and paced streams through a real lease, and commit → SSE client latency.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import type { TestDatabase } from '@switchyard/db/testing';
import pg from 'pg';
import { claimNextPhaseRun, type PhaseEventInput, PhaseRunLease } from '../../apps/worker/src/queue';
import { type BenchTeam, trpcUrl } from '../shared/bench-team';
import type { Dashboard } from '../shared/dashboard';
import { BURST, LEASE_MS, log, PACED_S, SAMPLES } from './settings';

export const wallClockMs = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const TEXT =
  'The model streams a sentence of about this length, one delta per event, to the log.'.padEnd(120, '.');
export const event = (n: number, marker?: number): PhaseEventInput => ({
  type: 'assistant_text',
  payload: marker === undefined ? { n, text: TEXT } : { n, marker, text: TEXT },
});

/** Counts the event INSERTs (one per non-empty batch) and every statement sent, at the pg driver. */
export function countStatements() {
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
export async function claimRun(db: TestDatabase, client: pg.Client, team: BenchTeam): Promise<PhaseRunLease> {
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
  const run = await claimNextPhaseRun(client, { workerId: 'bench-events', leaseMs: LEASE_MS });
  if (!run) throw new Error('no run to claim');
  const lease = new PhaseRunLease(db.prisma, client, run, {
    workerId: 'bench-events',
    leaseMs: LEASE_MS,
    onBackgroundError: (error) => log(`background error: ${String(error)}`),
  });
  lease.startHeartbeat();
  return lease;
}

export interface Burst {
  round: number;
  perCall: number;
  events: number;
  transactions: number;
  seconds: number;
  batches: number;
  statements: number;
}

/** Appends BURST events, `perCall` per appendEvents call, yielding to the event loop between calls, then flushes. */
export async function burst(lease: PhaseRunLease, round: number, perCall: number): Promise<Burst> {
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

export interface Paced {
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
export async function paced(lease: PhaseRunLease, round: number, rate: number): Promise<Paced> {
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
export function subscribe(dashboard: Dashboard, apiKey: string, taskId: string) {
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

export interface LatencyRound {
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
export async function latencyRound(
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
