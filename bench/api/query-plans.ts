// The statements one request sends (captured from the pg driver) and their EXPLAIN ANALYZE plans.
import { createPrismaClient } from '@switchyard/db';
import pg from 'pg';
import { getTask } from '../../packages/api/src/services/get-task';
import { decodeTaskCursor, listTasks } from '../../packages/api/src/services/list-tasks';
import { resolveCaller } from '../../packages/api/src/services/resolve-caller';
import type { Seeded } from './seed';
import type { CapturedStatement, Plan, Scenario } from './types';

/** Every statement the pg driver sends while `fn` runs (Prisma's adapter goes through pg.Client). */
export async function captureStatements(fn: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: the overloads of query() cannot be re-declared here
  pg.Client.prototype.query = function capture(this: pg.Client, ...args: any[]) {
    const [config, values] = args;
    if (typeof config === 'string') captured.push({ text: config, values: values ?? [] });
    else if (config?.text) captured.push({ text: config.text, values: config.values ?? values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return captured.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SHOW|DEALLOCATE)\b/i.test(s.text));
}

export async function explain(client: pg.Client, statement: CapturedStatement): Promise<string> {
  const select = /^\s*(SELECT|WITH)\b/i.test(statement.text);
  if (!select) return '(a write: not EXPLAINed, it runs as is on every request)';
  const result = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`,
    statement.values,
  );
  return result.rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function queryPlans(
  url: string,
  client: pg.Client,
  team: { teamId: string; apiKey: string },
  scenarios: Scenario[],
  seeded: Seeded,
  deepCursor: string,
): Promise<Plan[]> {
  const prisma = createPrismaClient(url, { maxConnections: 1 });
  try {
    const headers = new Headers({ authorization: `Bearer ${team.apiKey}` });
    const work: [string, () => Promise<unknown>][] = [
      [
        'auth (every request): the API key, its owner and membership (lastUsedAt at most once a minute)',
        () => resolveCaller(prisma, null as never, headers),
      ],
      [scenarios[0]!.name, () => listTasks(prisma, team.teamId, { limit: 50 })],
      [
        scenarios[1]!.name,
        () => listTasks(prisma, team.teamId, { limit: 50, cursor: decodeTaskCursor(deepCursor) }),
      ],
      [scenarios[2]!.name, () => getTask(prisma, team.teamId, seeded.heavyTaskId)],
    ];
    const plans: Plan[] = [];
    for (const [procedure, fn] of work) {
      await fn(); // warm the connection and prepared statements
      const statements = await captureStatements(fn);
      const out: Plan['statements'] = [];
      for (const statement of statements) {
        const plan = await explain(client, statement);
        const execution = plan.match(/Execution Time: ([\d.]+) ms/);
        out.push({ text: statement.text.trim(), plan, executionMs: execution ? Number(execution[1]) : null });
      }
      plans.push({ procedure, statements: out });
    }
    return plans;
  } finally {
    await prisma.$disconnect();
  }
}
