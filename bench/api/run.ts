// Benchmark 4 (issue 7): tasks.list (first page, a deep cursor page) and tasks.get (a task with 200
// runs and 200,000 events) over HTTP with autocannon, against the built dashboard (`next start`) on a
// fresh database holding 10,000 tasks and 1,000,000 events, authenticated with a team API key.
// `pnpm bench:api`; writes bench/reports/api.md.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@switchyard/db/testing';
import autocannon from 'autocannon';
import pg from 'pg';
import { createBenchTeam, trpcUrl } from '../shared/bench-team';
import { type Dashboard, ensureWebBuild, startDashboard } from '../shared/dashboard';
import { type CpuProfile, summarizeProfile } from '../shared/profile';
import { describeMachine, serverUrl, writeReport } from '../shared/report';
import { ms, summarize } from '../shared/stats';
import { queryPlans } from './query-plans';
import { render } from './report';
import { HEAVY_EVENTS_PER_RUN, HEAVY_RUNS, seedVolume } from './seed';
import { CONNECTIONS, DEEP_OFFSET, DURATION_S, PORT, PROFILE_S, ROUNDS, WARMUP_S } from './settings';
import type { Profiled, Round, Scenario } from './types';

const log = (line: string) => process.stdout.write(`[bench:api] ${line}\n`);

async function fire(url: string, apiKey: string, connections: number, durationS: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationS, headers: { authorization: `Bearer ${apiKey}` } },
      (error: unknown, res: autocannon.Result) => (error ? reject(error) : resolve(res)),
    );
    (instance as unknown as NodeJS.EventEmitter).on(
      'response',
      (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
        latencies.push(responseTime),
    );
  });
  return { result, latencies };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = await describeMachine(serverUrl());
  ensureWebBuild(log);
  const db = await createTestDatabase(serverUrl(), { prefix: 'bench_api' });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let dashboard: Dashboard | undefined;
  try {
    const team = await createBenchTeam(client);
    const seedStarted = Date.now();
    const seeded = await seedVolume(client, team.teamId, team.projectId, log);
    const seedS = (Date.now() - seedStarted) / 1000;

    const deep = (
      await client.query<{ createdAt: string; id: string }>(
        `SELECT to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", id FROM "Task"
          WHERE "teamId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`,
        [team.teamId, DEEP_OFFSET - 1],
      )
    ).rows[0]!;
    const deepCursor = Buffer.from(JSON.stringify(deep)).toString('base64url');
    const scenarios: Scenario[] = [
      {
        name: 'tasks.list, first page (50)',
        procedure: 'tasks.list',
        input: { limit: 50 },
        check: (j) => `${itemsOf(j)} items`,
      },
      {
        name: `tasks.list, deep cursor (after ${DEEP_OFFSET.toLocaleString('en')})`,
        procedure: 'tasks.list',
        input: { limit: 50, cursor: deepCursor },
        check: (j) => `${itemsOf(j)} items`,
      },
      {
        name: `tasks.get, ${HEAVY_RUNS} runs / ${(HEAVY_RUNS * HEAVY_EVENTS_PER_RUN).toLocaleString('en')} events`,
        procedure: 'tasks.get',
        input: { taskId: seeded.heavyTaskId },
        check: (j) => `${runsOf(j)} runs`,
      },
    ];

    dashboard = await startDashboard(db.url, PORT);
    log(`dashboard at ${dashboard.url}`);
    const shapes: string[][] = [];
    for (const s of scenarios) {
      const response = await fetch(trpcUrl(dashboard.url, s.procedure, s.input), {
        headers: { authorization: `Bearer ${team.apiKey}` },
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`${s.name}: HTTP ${response.status}: ${body.slice(0, 500)}`);
      shapes.push([s.name, s.check(JSON.parse(body)), `${(body.length / 1024).toFixed(1)} KiB`]);
    }
    log(`responses: ${shapes.map((r) => r.join(' ')).join('; ')}`);

    // The statements each procedure issues, and their plans on this data.
    const plans = await queryPlans(db.url, client, team, scenarios, seeded, deepCursor);

    for (const s of scenarios) {
      log(`warm-up ${s.name} (${WARMUP_S} s)`);
      await fire(
        trpcUrl(dashboard.url, s.procedure, s.input),
        team.apiKey,
        Math.max(...CONNECTIONS),
        WARMUP_S,
      );
    }
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const connections of CONNECTIONS) {
        // Rotate the order every round, so that drift on this shared machine spreads over every scenario.
        const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]!);
        for (const s of order) {
          const cpuBefore = dashboard.cpuMs();
          const { result, latencies } = await fire(
            trpcUrl(dashboard.url, s.procedure, s.input),
            team.apiKey,
            connections,
            DURATION_S,
          );
          const cpu = dashboard.cpuMs() - cpuBefore;
          const r: Round = {
            scenario: s.name,
            connections,
            round,
            latencies,
            rps: result.requests.average,
            requests: result.requests.total,
            non2xx: result.non2xx,
            errors: result.errors + result.timeouts,
            cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
          };
          rounds.push(r);
          const p = summarize(latencies);
          log(
            `round ${round}, ${connections} conn, ${s.name}: p50 ${ms(p.p50)} p95 ${ms(p.p95)} p99 ${ms(p.p99)} ms, ` +
              `${r.rps.toFixed(0)} req/s, non-2xx ${r.non2xx}, errors ${r.errors}`,
          );
        }
      }
    }
    await dashboard.stop();
    dashboard = undefined;
    const profiles: Profiled[] = [];
    for (const s of [scenarios[0]!, scenarios[2]!]) {
      log(`profiling the dashboard under ${s.name} (${PROFILE_S} s, 1 connection)`);
      profiles.push(await profileDashboard(db.url, s, team.apiKey));
    }
    const path = writeReport(
      'api',
      render({ rounds, scenarios, shapes, plans, profiles, seeded, seedS, startedAt, machine }),
    );
    log(`wrote ${path}`);
  } finally {
    await dashboard?.stop();
    await client.end();
    await db.drop();
  }
}

/**
 * A dashboard of its own under V8's sampling profiler (bench/shared/cpu-profile-preload.mjs, which also
 * counts node-postgres statements), one connection hammering one scenario: where a request's CPU goes.
 */
async function profileDashboard(url: string, s: Scenario, apiKey: string): Promise<Profiled> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-profile-'));
  const preload = fileURLToPath(new URL('../shared/cpu-profile-preload.mjs', import.meta.url));
  const dashboard = await startDashboard(url, PORT, {
    NODE_OPTIONS: `--import ${preload}`,
    BENCH_CPU_PROFILE: join(dir, 'web'),
  });
  let requests = 0;
  try {
    await fire(trpcUrl(dashboard.url, s.procedure, s.input), apiKey, 1, 1);
    const { result } = await fire(trpcUrl(dashboard.url, s.procedure, s.input), apiKey, 1, PROFILE_S);
    requests = result.requests.total;
  } finally {
    await dashboard.stop();
  }
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const busiest = files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
    if (!busiest) throw new Error('the profiled dashboard wrote no CPU profile');
    const profile = summarizeProfile(JSON.parse(readFileSync(join(dir, busiest), 'utf8')) as CpuProfile, 15);
    const queries = Number(readFileSync(join(dir, busiest.replace(/\.cpuprofile$/, '.queries')), 'utf8'));
    const cpuMs = profile.areas.reduce((sum, a) => sum + a.selfMs, 0);
    // +1: the discarded 1 s warm-up's requests are in the profile too; count them in proportion.
    const total = Math.round(requests * (1 + 1 / PROFILE_S));
    return {
      scenario: s.name,
      requests: total,
      profile,
      cpuMsPerRequest: cpuMs / total,
      statementsPerRequest: queries / total,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function itemsOf(json: unknown): number {
  return ((json as { result: { data: { json: { items: unknown[] } } } }).result.data.json.items ?? []).length;
}
function runsOf(json: unknown): number {
  return ((json as { result: { data: { json: { runs: unknown[] } } } }).result.data.json.runs ?? []).length;
}

await main();
