import { createTestDatabase } from '@switchyard/db/testing';
import pg from 'pg';
import type { PhaseRunLease } from '../../apps/worker/src/queue';
import { seedVolume } from '../api/seed';
import { createBenchTeam } from '../shared/bench-team';
import { type Dashboard, ensureWebBuild, startDashboard } from '../shared/dashboard';
import { describeMachine, serverUrl, writeReport } from '../shared/report';
import { ms, summarize } from '../shared/stats';
import {
  type Burst,
  burst,
  claimRun,
  type LatencyRound,
  latencyRound,
  type Paced,
  paced,
  sleep,
  subscribe,
} from './measure';
import { render } from './report';
import { log, PACED_RATES, PACED_S, PER_CALL, PORT, ROUNDS, SEED, SUBSCRIBERS } from './settings';

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

await main();
