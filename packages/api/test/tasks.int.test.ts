import { seedBuiltinProfiles } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingValidationError } from '../src';
import { listTasksStatement } from '../src/services/list-tasks';
import { apiHarness, type SignedUp } from './support/api-harness';

const ZAI_MISSING =
  'Phase "coding" routes to Z.AI (glm-4.7) but no Z.AI API key was found. Add one in Settings → Integrations → Z.AI, or set ZAI_API_KEY (also read: ZHIPUAI_API_KEY, GLM_API_KEY) on the worker.';

let db: TestDatabase;
let harness: ReturnType<typeof apiHarness>;
let ada: SignedUp;
let projectId: string;
beforeAll(async () => {
  db = await freshDatabase();
  harness = apiHarness(db.prisma);
  await seedBuiltinProfiles(db.prisma);
  ada = await harness.signUp('Ada');
  const api = await ada.api();
  projectId = (await api.projects.create({ name: 'shop', repoPath: harness.repo('shop') })).id;
  await api.credentials.create({ provider: 'Claude', secret: 'sk-ant-test-0000-ada1' });
});
afterAll(() => db?.drop());

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('tasks.create', () => {
  it('refuses a task whose coding phase routes to Z.AI without a key, with the exact message, and creates nothing', async () => {
    const api = await ada.api();
    const before = { tasks: await db.prisma.task.count(), runs: await db.prisma.phaseRun.count() };

    const error = await rejection(
      api.tasks.create({
        projectId,
        title: 'Coupons',
        description: 'Add coupon codes',
        routing: {
          provider: 'anthropic',
          phaseProviders: { coding: 'zai' },
          phaseModels: { coding: 'glm-4.7' },
        },
      }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(ZAI_MISSING);
    expect(error.cause).toBeInstanceOf(RoutingValidationError);
    expect((error.cause as RoutingValidationError).issues).toContainEqual(
      expect.objectContaining({
        phase: 'coding',
        severity: 'error',
        code: 'missing_credential',
        message: ZAI_MISSING,
      }),
    );
    expect(await db.prisma.task.count()).toBe(before.tasks);
    expect(await db.prisma.phaseRun.count()).toBe(before.runs);
  });

  it('creates a GLM-only task with only a Z.AI credential and queues spec.discovery with its routing', async () => {
    const grace = await harness.signUp('Grace');
    const api = await grace.api();
    const project = await api.projects.create({ name: 'glm-only', gitUrl: 'https://example.com/repo.git' });
    await api.credentials.create({ provider: 'glm', secret: 'zai-secret-key-9876' });

    const created = await api.tasks.create({
      projectId: project.id,
      title: 'GLM all the way',
      description: 'Only Z.AI',
      routing: { provider: 'zai' },
      budgetUsd: 2.5,
    });

    expect(created.task).toMatchObject({ status: 'queued', title: 'GLM all the way', budgetUsd: 2.5 });
    expect(created.routing.providersUsed).toEqual(['zai']);
    const runs = await db.prisma.phaseRun.findMany({ where: { taskId: created.task.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ phase: 'spec', kind: 'spec.discovery', status: 'pending' });
    expect(runs[0]?.routingDecision).toMatchObject({
      phase: 'spec',
      provider: 'zai',
      credential: { kind: 'team_default' },
    });
  });

  it("refuses an unknown provider with the known ids, and another team's project as NOT_FOUND", async () => {
    const api = await ada.api();
    const unknown = await rejection(
      api.tasks.create({ projectId, title: 't', description: 'd', routing: { provider: 'skynet' } }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toMatch(/Unknown provider "skynet"\. Known providers: anthropic, zai, openai/);

    const eve = await harness.signUp('Eve');
    const foreign = await rejection(
      (await eve.api()).tasks.create({ projectId, title: 't', description: 'd', routing: {} }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
  });
});

describe('routing.preview', () => {
  it('shows per phase the provider, model, credential source and why, with the validation messages, creating nothing', async () => {
    const api = await ada.api();
    const tasks = await db.prisma.task.count();

    const preview = await api.routing.preview({
      routing: {
        provider: 'anthropic',
        phaseProviders: { coding: 'zai' },
        phaseModels: { coding: 'glm-4.7' },
      },
    });

    expect(preview.ok).toBe(false);
    expect(preview.errors).toEqual([ZAI_MISSING]);
    const coding = preview.phases.find((p) => p.phase === 'coding')!;
    expect(coding).toMatchObject({ provider: 'zai', model: 'glm-4.7', credentialDescription: 'missing' });
    expect(coding.reason).toMatch(/task\.phaseProviders\.coding/);
    const planning = preview.phases.find((p) => p.phase === 'planning')!;
    expect(planning.credentialDescription).toMatch(/^team default credential "Anthropic" \(…ada1\)$/);
    expect(await db.prisma.task.count()).toBe(tasks);
  });
});

describe('tasks.list', () => {
  it('pages through the team tasks newest first with a cursor', async () => {
    const grace = await harness.signUp('Pager');
    const api = await grace.api();
    const project = await api.projects.create({ name: 'p', repoPath: harness.repo('p') });
    const team = (await grace.ctx()).team!;
    for (let i = 0; i < 5; i++)
      await db.prisma.task.create({
        data: {
          teamId: team.id,
          projectId: project.id,
          title: `t${i}`,
          description: 'd',
          status: i % 2 ? 'done' : 'queued',
        },
      });

    const first = await api.tasks.list({ limit: 2 });
    const second = await api.tasks.list({ limit: 2, cursor: first.nextCursor });
    const third = await api.tasks.list({ limit: 2, cursor: second.nextCursor });

    expect([...first.items, ...second.items, ...third.items].map((t) => t.title)).toEqual([
      't4',
      't3',
      't2',
      't1',
      't0',
    ]);
    expect(third.nextCursor).toBeNull();
    expect((await api.tasks.list({ status: 'done' })).items.map((t) => t.title)).toEqual(['t3', 't1']);
  });

  it('is served by Task_teamId_createdAt_id_idx on 10,000 tasks', async () => {
    const team = (await ada.ctx()).team!;
    await db.prisma.$executeRaw`
      INSERT INTO "Task" (id, "teamId", "projectId", title, description, "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${team.id}, ${projectId}, 'bulk ' || n, 'd',
             now() - (n || ' seconds')::interval, now()
        FROM generate_series(1, 10000) AS n`;
    await db.prisma.$executeRawUnsafe('ANALYZE "Task"');
    const api = await ada.api();
    const page = await api.tasks.list({ limit: 50 });
    const next = await api.tasks.list({ limit: 50, cursor: page.nextCursor });
    expect(next.items[0]!.createdAt.getTime()).toBeLessThanOrEqual(page.items.at(-1)!.createdAt.getTime());

    for (const cursor of [null, { createdAt: page.items.at(-1)!.createdAt, id: page.items.at(-1)!.id }]) {
      const { text: query, values } = listTasksStatement(team.id, { limit: 50, cursor });
      const plan = await db.prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${query}`, ...values);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('Task_teamId_createdAt_id_idx');
      expect(text).not.toMatch(/Seq Scan on "Task"/);
    }
  });
});
