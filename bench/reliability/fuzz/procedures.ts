// Every procedure of the API's tRPC router, read from the router itself so that a new procedure is fuzzed
// without editing the fuzzer. tRPC 11 keeps them in `router._def.procedures`, a flat record keyed by the
// dotted path (its static type is the nested router shape), each with `_def.type` and `_def.inputs`
// (the input parsers: here one zod schema each; packages/api/test/bad-input.int.test.ts checks that).
import { appRouter } from '../../../packages/api/src/root';
import type { ProcedureType } from './http';
import type { JsonSchema } from './schema-values';

export interface DiscoveredProcedure {
  path: string;
  type: ProcedureType;
  /** The input's JSON Schema (zod 4 `toJSONSchema`, input side); `{}` when it has none. */
  schema: JsonSchema;
  /** Can destroy the fixtures the rest of the run needs: run last, one request at a time. */
  destructive: boolean;
}

interface ZodLike {
  toJSONSchema?: (params: { io: 'input'; unrepresentable: 'any' }) => JsonSchema;
}

/**
 * Procedures that delete or revoke what the run seeded, or can take the API key's rights away
 * (`apiKeys.revoke` of the key in use, `teams.removeMember` / `teams.changeRole` of its owner). They
 * run last; fuzz-api.ts also checks the key after each of their successes and recreates the fixtures
 * when one broke them. (Signing out is not a tRPC procedure: better-auth serves it under /api/auth.)
 */
const DESTRUCTIVE = /(^|\.)(delete|remove|revoke|cancel|leave|changeRole|switchActive|signOut)/i;

export function discoverProcedures(): DiscoveredProcedure[] {
  const record = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureType; inputs: ZodLike[] } }
  >;
  const found = Object.entries(record).map(([path, procedure]): DiscoveredProcedure => {
    const parser = procedure._def.inputs[0];
    let schema: JsonSchema = {};
    try {
      schema = parser?.toJSONSchema?.({ io: 'input', unrepresentable: 'any' }) ?? {};
    } catch {
      // not representable: fuzzed with generic values only
    }
    return { path, type: procedure._def.type, schema, destructive: DESTRUCTIVE.test(path) };
  });
  const rank = (p: DiscoveredProcedure) =>
    p.destructive ? 3 : p.type === 'mutation' ? 2 : p.type === 'subscription' ? 1 : 0;
  return found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}
