import superjson, { type SuperJSONResult } from 'superjson';

/**
 * superjson's wire format, written in one pass for the answers this API sends (plain objects and
 * arrays of strings, finite numbers, booleans, nulls, Dates, BigInts and undefined): what
 * `superjson.serialize` produces, at a fraction of its CPU. A list page spent ~1.1 ms of the
 * dashboard's CPU in superjson's generic walk (bench/reports/api.md). Anything else (a Map, a Set, a
 * class instance such as a Prisma Decimal, NaN, -0, an object met twice) is left to superjson itself,
 * so the client's `superjson.deserialize` reads the same values either way.
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const annotations: Record<string, [string]> = {};
  const seen = new Set<object>();
  let annotated = false;

  /** The JSON value of `node` at `path` (ROOT for the answer), or GIVE_UP: superjson must handle it. */
  function walk(node: unknown, path: string): unknown {
    switch (typeof node) {
      case 'string':
      case 'boolean':
        return node;
      case 'number':
        return Number.isFinite(node) && !Object.is(node, -0) ? node : GIVE_UP;
      case 'bigint':
        annotations[path] = ['bigint'];
        annotated = true;
        return node.toString();
      case 'undefined':
        annotations[path] = ['undefined'];
        annotated = true;
        return null;
      case 'object': {
        if (node === null) return null;
        // superjson keeps the identity of an object met twice (referentialEqualities): left to it.
        if (seen.has(node)) return GIVE_UP;
        seen.add(node);
        if (node instanceof Date) {
          if (Number.isNaN(node.getTime())) return GIVE_UP;
          annotations[path] = ['Date'];
          annotated = true;
          return node.toISOString();
        }
        const prefix = path === ROOT ? '' : `${path}.`;
        if (Array.isArray(node)) {
          const out = new Array(node.length);
          for (let i = 0; i < node.length; i += 1) {
            const item = node[i];
            // Strings, booleans and null need no path: most of an answer, walked without building one.
            const json =
              typeof item === 'string' || typeof item === 'boolean' || item === null
                ? item
                : walk(item, `${prefix}${i}`);
            if (json === GIVE_UP) return GIVE_UP;
            out[i] = json;
          }
          return out;
        }
        const proto = Object.getPrototypeOf(node);
        if (proto !== Object.prototype && proto !== null) return GIVE_UP;
        const out: Record<string, unknown> = {};
        for (const key in node) {
          if (!Object.hasOwn(node, key)) continue;
          const item = (node as Record<string, unknown>)[key];
          const json =
            typeof item === 'string' || typeof item === 'boolean' || item === null
              ? item
              : typeof item === 'number'
                ? Number.isFinite(item) && !Object.is(item, -0)
                  ? item
                  : GIVE_UP
                : walk(item, `${prefix}${escapeKey(key)}`);
          if (json === GIVE_UP) return GIVE_UP;
          out[key] = json;
        }
        return out;
      }
      default:
        return GIVE_UP;
    }
  }

  // A Date, BigInt or undefined answer is annotated at the root in a shape of its own: superjson's.
  const scalar = value === undefined || typeof value === 'bigint' || value instanceof Date;
  const json = scalar ? GIVE_UP : walk(value, ROOT);
  if (json === GIVE_UP) return superjson.serialize(value);
  return (annotated ? { json, meta: { values: annotations, v: 1 } } : { json }) as SuperJSONResult;
}

const GIVE_UP = Symbol('superjson');
/** Not a path superjson can write (it escapes every key): the answer itself. */
const ROOT = '\\root';

/** superjson's path syntax: `.` separates keys, so a key's own dots and backslashes are escaped. */
function escapeKey(key: string): string {
  return key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;
}

/** The API's transformer: superjson on the wire, answers serialised by `serializeAnswer`. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: superjson.deserialize.bind(superjson) },
};
