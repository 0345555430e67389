import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { TRPCError } from '@trpc/server';
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
beforeAll(async () => {
  db = await freshDatabase();
  const owner = await apiHarness(db.prisma).signUp('Fuzz');
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
