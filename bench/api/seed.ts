// The data set of the api benchmark, generated in SQL (INSERT … SELECT generate_series): one team,
// one project, 10,000 tasks over ~1 year, 4 phase runs per task (spec, planning, coding, qa) except
// one "heavy" task with 200 runs, and 1,000,000 events: 1,000 on each of the heavy task's runs, the
// other 800,000 spread evenly over every other run. Then ANALYZE.
import { randomUUID } from 'node:crypto';
import type { PhaseRouting } from '@switchyard/providers';
import { PhaseRoutingSchema } from '@switchyard/providers';
import type pg from 'pg';

export const TASKS = 10_000;
export const EVENTS = 1_000_000;
export const RUNS_PER_TASK = 4;
export const HEAVY_RUNS = 200;
export const HEAVY_EVENTS_PER_RUN = 1_000;
/** The heavy task is the 5,000th newest, so it is no cache-warm first row. */
export const HEAVY_INDEX = 5_000;

export interface Seeded {
  heavyTaskId: string;
  runs: number;
  events: number;
  tableSizes: { table: string; rows: number; size: string }[];
}

/** A routing decision as the worker stores it (validated here, so that tasks.get parses a real one). */
function decision(phase: 'spec' | 'planning' | 'coding' | 'qa'): PhaseRouting {
  const target = {
    provider: 'anthropic',
    providerLabel: 'Anthropic',
    protocol: 'anthropic-messages' as const,
    model: 'claude-sonnet-4-5',
    modelInCatalog: true,
    baseUrl: null,
    credential: { kind: 'env' as const, envName: 'ANTHROPIC_API_KEY' },
    authScheme: 'api_key' as const,
    credentialEnvNames: ['ANTHROPIC_API_KEY'],
    thinking: { level: 'medium', budgetTokens: 8000, control: 'budget', enabled: true, notes: [] },
  };
  return PhaseRoutingSchema.parse({
    ...target,
    phase,
    fallbacks: [],
    warnings: [],
    trace: [
      { field: 'provider', step: 'task', value: 'anthropic', outcome: 'chosen', reason: 'the task names it' },
      { field: 'model', step: 'profile', value: 'claude-sonnet-4-5', outcome: 'chosen', reason: 'profile' },
    ],
    attempts: [
      {
        at: '2026-11-26T10:00:00.000Z',
        turn: 1,
        attempt: 1,
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        outcome: 'ok',
        latencyMs: 1234,
      },
    ],
    hops: [],
  });
}

export async function seedVolume(
  client: pg.Client,
  teamId: string,
  projectId: string,
  log: (line: string) => void,
): Promise<Seeded> {
  const decisions = JSON.stringify({
    spec: decision('spec'),
    planning: decision('planning'),
    coding: decision('coding'),
    qa: decision('qa'),
  });
  const heavyTaskId = randomUUID();
  await client.query('SET synchronous_commit = off');

  let at = Date.now();
  const step = (what: string) => {
    log(`${what} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    at = Date.now();
  };

  // Tasks: one every 53 minutes back from now (~1 year), mostly done, some failed/running.
  await client.query(
    `INSERT INTO "Task" (id, "teamId", "projectId", title, description, status, routing, branch,
                         "inputTokens", "outputTokens", "costUsd", "createdAt", "updatedAt", "finishedAt")
     SELECT CASE WHEN i = $4 THEN $3 ELSE gen_random_uuid()::text END, $1, $2,
            'Task ' || i || ': ' || (ARRAY['fix the flaky login test', 'add CSV export', 'upgrade the ORM',
                                           'refactor billing', 'document the API'])[1 + i % 5],
            'Generated task ' || i || '.' || repeat(' Acceptance criteria and context.', 8),
            (CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'running' ELSE 'done' END)::"TaskStatus",
            '{"provider": "anthropic"}'::jsonb, 'switchyard/task-' || i,
            i * 37 % 200000, i * 11 % 40000, (i % 500) / 100.0,
            now() - i * interval '53 minutes', now() - i * interval '53 minutes' + interval '20 minutes',
            now() - i * interval '53 minutes' + interval '20 minutes'
       FROM generate_series(1, $5::int) AS i`,
    [teamId, projectId, heavyTaskId, HEAVY_INDEX, TASKS],
  );
  step(`${TASKS} tasks`);

  // Runs: the four phases per task, 200 for the heavy one (its coding subtasks and QA rounds).
  await client.query(
    `INSERT INTO "PhaseRun" (id, "taskId", phase, kind, iteration, "subtaskId", status, "routingDecision",
                             attempt, "fencingToken", "startedAt", "finishedAt", "inputTokens", "outputTokens",
                             "costUsd", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, t.id, ph.phase::"Phase", ph.kind, (k - 1) / 4, 'subtask-' || k,
            'succeeded', ($2::jsonb) -> ph.phase, 1, 1,
            t."createdAt" + k * interval '10 seconds', t."createdAt" + k * interval '10 seconds' + interval '8 seconds',
            1000 + k, 200 + k, 0.01, t."createdAt" + k * interval '10 seconds', t."createdAt"
       FROM "Task" t
      CROSS JOIN LATERAL generate_series(1, CASE WHEN t.id = $1 THEN $3::int ELSE $4::int END) AS k
      CROSS JOIN LATERAL (SELECT (ARRAY['spec', 'planning', 'coding', 'qa'])[1 + (k - 1) % 4] AS phase,
                                 (ARRAY['spec.discovery', 'planning.plan', 'coding.subtask', 'qa.review'])[1 + (k - 1) % 4] AS kind) ph`,
    [heavyTaskId, decisions, HEAVY_RUNS, RUNS_PER_TASK],
  );
  step('phase runs');

  // Number the runs, the heavy task's first, to spread events over them by arithmetic.
  await client.query(`
    CREATE TEMP TABLE run_index AS
    SELECT row_number() OVER (ORDER BY (r."taskId" = '${heavyTaskId}') DESC, r.id)::int AS n, r.id, r."startedAt"
      FROM "PhaseRun" r`);
  await client.query('ALTER TABLE run_index ADD PRIMARY KEY (n)');
  const runs = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM run_index')).rows[0]!.n);
  const heavyEvents = HEAVY_RUNS * HEAVY_EVENTS_PER_RUN;
  const others = runs - HEAVY_RUNS;

  // Events: e = 1..1,000,000; the first 200,000 fill the heavy runs 1,000 each, the rest go round-robin.
  await client.query(
    `INSERT INTO "PhaseEvent" ("phaseRunId", seq, at, type, payload)
     SELECT ri.id, m.seq, ri."startedAt" + m.seq * interval '5 milliseconds',
            (ARRAY['assistant_text', 'tool_call', 'tool_result', 'reasoning', 'usage', 'log'])[1 + e % 6]::"EventType",
            jsonb_build_object('text', 'event ' || e || ' ' || repeat('x', 80), 'n', e)
       FROM generate_series(1, $1::int) AS e
      CROSS JOIN LATERAL (
        SELECT CASE WHEN e <= $2 THEN (e - 1) / $3 + 1 ELSE $4 + 1 + (e - $2 - 1) % $5 END AS n,
               CASE WHEN e <= $2 THEN (e - 1) % $3 + 1 ELSE (e - $2 - 1) / $5 + 1 END AS seq) m
       JOIN run_index ri ON ri.n = m.n`,
    [EVENTS, heavyEvents, HEAVY_EVENTS_PER_RUN, HEAVY_RUNS, others],
  );
  step(`${EVENTS} events`);
  await client.query('DROP TABLE run_index');
  await client.query('ANALYZE');
  step('ANALYZE');

  const sizes = await client.query<{ table: string; rows: string; size: string }>(`
    SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
      FROM pg_class c WHERE c.relname IN ('Task', 'PhaseRun', 'PhaseEvent') ORDER BY c.relname`);
  const events = Number(
    (await client.query<{ n: string }>('SELECT count(*) AS n FROM "PhaseEvent"')).rows[0]!.n,
  );
  return {
    heavyTaskId,
    runs,
    events,
    tableSizes: sizes.rows.map((r) => ({ table: r.table, rows: Number(r.rows), size: r.size })),
  };
}
