import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError, type z } from 'zod';
import { appRouter } from '../src';
import { apiHarness, type createCaller } from './support/api-harness';
import { invoke } from './support/invoke';

// At run time a flat record keyed by dotted path (its static type is the nested router shape).
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
const paths = Object.keys(procedures).sort();

/** The keys of an object schema (through a default wrapper), to generate near-miss objects. */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { shape?: object; innerType?: z.ZodType } } })._zod.def;
  if (def.shape) return Object.keys(def.shape);
  return def.innerType ? keysOf(def.innerType) : [];
}

/** Values the procedure's own input schema rejects: anything at all, and its own keys with wrong values. */
function malformed(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = keysOf(schema);
  const nearMiss = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), fc.anything(), { minKeys: 1 })
    : fc.anything();
  return fc
    .oneof(fc.anything(), nearMiss, fc.string(), fc.array(fc.anything()))
    .filter((v) => !schema.safeParse(v).success);
}

let db: TestDatabase;
let caller: ReturnType<typeof createCaller>;
let owner: Awaited<ReturnType<ReturnType<typeof apiHarness>['signUp']>>;
let harness: ReturnType<typeof apiHarness>;
beforeAll(async () => {
  db = await freshDatabase();
  harness = apiHarness(db.prisma);
  owner = await harness.signUp('Fuzz');
  caller = await owner.api();
});
afterAll(() => db?.drop());

async function rowCounts() {
  const p = db.prisma;
  return Promise.all([
    p.task.count(),
    p.phaseRun.count(),
    p.project.count(),
    p.agentProfile.count(),
    p.providerCredential.count(),
    p.apiKey.count(),
    p.invitation.count(),
    p.membership.count(),
  ]);
}

describe('bad input', () => {
  it('every procedure has an input schema', () => {
    for (const path of paths) expect(procedures[path]!._def.inputs, path).toHaveLength(1);
  });

  it.each(paths)('%s answers 200 malformed inputs with BAD_REQUEST and zod issues', async (path) => {
    const schema = procedures[path]!._def.inputs[0]!;
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(malformed(schema), async (input) => {
        const error = await invoke(caller, path, input).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code).toBe('BAD_REQUEST');
        expect((error as TRPCError).cause).toBeInstanceOf(ZodError);
        expect(((error as TRPCError).cause as ZodError).issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    expect(await rowCounts()).toEqual(before);
  });
});

/** A call over HTTP as the dashboard's route serves it (superjson envelope), for the status a client sees. */
async function overHttp(path: string, type: 'query' | 'mutation', input: unknown) {
  const envelope = encodeURIComponent(JSON.stringify({ json: input }));
  const req =
    type === 'query'
      ? new Request(`http://localhost/api/trpc/${path}?input=${envelope}`)
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json: input }),
        });
  const ctx = await owner.ctx();
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => ctx,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { json: { message: string } } },
  };
}

async function rejection(path: string, input: unknown) {
  const error = await invoke(caller, path, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, path).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

// Found by the API fuzz (bench/reliability/fuzz-api.ts): each of these was an HTTP 500.
describe('bad input the API fuzz found', () => {
  it('refuses a NUL character (U+0000) in any text field, naming the field, before the database sees it', async () => {
    const project = await caller.projects.create({ name: 'fuzz', repoPath: harness.repo('fuzz') });
    const credential = await caller.credentials.create({ provider: 'anthropic', secret: 'sk-ant-fuzz-0001' });
    const profile = await caller.profiles.create({ name: 'fuzz', phases: {} });
    const before = await rowCounts();
    const cases: [string, unknown, string][] = [
      ['projects.create', { name: 'a\u0000b', repoPath: '/srv/x' }, 'name'],
      ['projects.update', { id: project.id, repoPath: '/srv/\u0000' }, 'repoPath'],
      ['apiKeys.create', { name: '\u0000' }, 'name'],
      ['credentials.create', { provider: 'anthropic', label: 'x\u0000', secret: 'sk-ant-0002' }, 'label'],
      ['credentials.update', { id: credential.id, label: '\u0000' }, 'label'],
      ['profiles.duplicate', { id: profile.id, name: 'copy\u0000' }, 'name'],
      ['tasks.artifact', { taskId: project.id, name: 'spec.md\u0000' }, 'name'],
      [
        'tasks.create',
        { projectId: project.id, title: 't', description: '\u0000', routing: {} },
        'description',
      ],
      ['routing.preview', { routing: { phaseModels: { spec: 'm\u0000' } } }, 'routing.phaseModels.spec'],
    ];
    for (const [path, input, field] of cases) {
      const error = await rejection(path, input);
      expect(error.code, path).toBe('BAD_REQUEST');
      expect(error.message, path).toBe(`${field} must not contain the NUL character (U+0000).`);
      expect(error.cause, path).toBeInstanceOf(ZodError);
      expect((error.cause as ZodError).issues[0]?.path.join('.'), path).toBe(field);
    }
    expect(await rowCounts()).toEqual(before);

    const http = await overHttp('projects.create', 'mutation', { name: 'a\u0000b', repoPath: '/srv/x' });
    expect(http.status).toBe(400);
    expect(http.body.error?.json.message).toBe('name must not contain the NUL character (U+0000).');
    expect((await overHttp('tasks.artifact', 'query', { taskId: project.id, name: '\u0000' })).status).toBe(
      400,
    );
  });

  it('refuses an unpaired UTF-16 surrogate (not Unicode text, refused by jsonb), naming the field', async () => {
    await caller.credentials.create({ provider: 'anthropic', secret: 'sk-ant-fuzz-0004' });
    const project = await caller.projects.create({
      name: 'surrogates',
      repoPath: harness.repo('surrogates'),
    });
    const phase = { provider: 'anthropic', model: 'claude-sonnet-4-5', thinking: 'low' };
    const before = await rowCounts();
    const cases: [string, unknown, string, string][] = [
      [
        'tasks.create',
        {
          projectId: project.id,
          title: 't',
          description: 'd',
          routing: { provider: 'anthropic', phaseModels: { spec: 'claude-\ud800' } },
        },
        'routing.phaseModels.spec',
        'U+D800',
      ],
      [
        'profiles.create',
        { name: 'p', phases: { spec: { ...phase, model: '\udc00claude' } } },
        'phases.spec.model',
        'U+DC00',
      ],
      ['apiKeys.create', { name: 'key \udbff' }, 'name', 'U+DBFF'],
    ];
    for (const [path, input, field, code] of cases) {
      const error = await rejection(path, input);
      expect(error.code, path).toBe('BAD_REQUEST');
      expect(error.message, path).toBe(`${field} must not contain an unpaired surrogate (${code}).`);
      expect((error.cause as ZodError).issues[0]?.path.join('.'), path).toBe(field);
    }
    expect(await rowCounts()).toEqual(before);
    // A pair is one character (🦄 is U+D83E U+DD84): accepted.
    await expect(caller.apiKeys.create({ name: 'unicorn 🦄' })).resolves.toMatchObject({
      name: 'unicorn 🦄',
    });
  });

  it('refuses an event cursor past PostgreSQL bigint in tasks.events and tasks.subscribe', async () => {
    await caller.credentials.create({ provider: 'anthropic', secret: 'sk-ant-fuzz-0003' });
    const project = await caller.projects.create({ name: 'events', repoPath: harness.repo('events') });
    const { task } = await caller.tasks.create({
      projectId: project.id,
      title: 'events',
      description: 'cursor bounds',
      routing: { provider: 'anthropic' },
    });
    const largest = '9223372036854775807';
    await expect(caller.tasks.events({ taskId: task.id, after: largest })).resolves.toMatchObject({
      events: [],
    });
    for (const past of ['9223372036854775808', '9999999999999999999']) {
      for (const [path, input] of [
        ['tasks.events', { taskId: task.id, after: past }],
        ['tasks.subscribe', { taskId: task.id, lastEventId: past }],
      ] as const) {
        const error = await rejection(path, input);
        expect(error.code, path).toBe('BAD_REQUEST');
        const issue = (error.cause as ZodError).issues[0];
        expect(issue?.path, path).toEqual([path === 'tasks.events' ? 'after' : 'lastEventId']);
        expect(issue?.message, path).toBe(`an event id returned by tasks.events (at most ${largest})`);
      }
    }
    expect((await overHttp('tasks.events', 'query', { taskId: task.id, after: '9'.repeat(19) })).status).toBe(
      400,
    );
  });

  it('keeps one default credential per provider when several requests set it at once', async () => {
    // A provider with no credential yet: each create would be its first, hence the default.
    const first = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        caller.credentials.create({ provider: 'zai', secret: `zai-key-000${i}` }),
      ),
    );
    // Then each one explicitly made the default.
    const explicit = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        caller.credentials.create({ provider: 'zai', secret: `zai-key-100${i}`, isDefault: true }),
      ),
    );
    const ids = (await caller.credentials.list()).filter((c) => c.provider === 'zai').map((c) => c.id);
    const updates = await Promise.allSettled(
      ids.map((id) => caller.credentials.update({ id, isDefault: true })),
    );
    for (const result of [...first, ...explicit, ...updates]) expect(result.status).toBe('fulfilled');
    const zai = (await caller.credentials.list()).filter((c) => c.provider === 'zai');
    expect(zai).toHaveLength(16);
    expect(zai.filter((c) => c.isDefault)).toHaveLength(1);
  });
});
