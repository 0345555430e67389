import superjson, { type SuperJSONResult } from 'superjson';

/**
 * superjson's wire format, written in one pass for the answers this API sends (plain objects and
 * arrays of strings, finite numbers, booleans, nulls, Dates, BigInts and undefined): what
 * `superjson.serialize` produces once JSON.stringify has written it, at a fraction of its CPU. A list
 * page spent ~1.1 ms of the dashboard's CPU in superjson's generic walk (bench/reports/api.md).
 * Anything else (a Map, a Set, a class instance such as a Prisma Decimal, NaN, -0, an object met
 * twice) is left to superjson itself, so the client's `superjson.deserialize` reads the same values
 * either way.
 *
 * The answer is not copied: its Dates are written by JSON.stringify (Date#toJSON is toISOString,
 * superjson's format for them), and an object or array is copied only when a value in it must be
 * replaced (a BigInt by its digits, undefined by null).
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const annotations: Record<string, [string]> = {};
  const seen = new Set<object>();
  // The keys from the answer down to the node being walked: joined into a path only for the few
  // values that need an annotation (Dates, mostly), not built for every object and array.
  const path: string[] = [];
  let annotated = false;
  const annotate = (type: string) => {
    annotations[path.join('.')] = [type];
    annotated = true;
  };

  /** SAME when `node` (at `path`) is sent as it is, what to send instead, or GIVE_UP (superjson's). */
  function walk(node: unknown): unknown {
    switch (typeof node) {
      case 'string':
      case 'boolean':
        return SAME;
      case 'number':
        return Number.isFinite(node) && !Object.is(node, -0) ? SAME : GIVE_UP;
      case 'bigint':
        annotate('bigint');
        return node.toString();
      case 'undefined':
        annotate('undefined');
        return null;
      case 'object': {
        if (node === null) return SAME;
        // superjson keeps the identity of an object met twice (referentialEqualities): left to it.
        if (seen.has(node)) return GIVE_UP;
        seen.add(node);
        if (node instanceof Date) {
          if (Number.isNaN(node.getTime())) return GIVE_UP;
          annotate('Date');
          return SAME;
        }
        if (Array.isArray(node)) {
          let copy: unknown[] | undefined;
          for (let i = 0; i < node.length; i += 1) {
            const item = node[i];
            // Strings, booleans and null need no path: most of an answer, walked without one.
            if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
            path.push(String(i));
            const json = walk(item);
            path.pop();
            if (json === GIVE_UP) return GIVE_UP;
            if (json !== SAME) {
              copy ??= node.slice();
              copy[i] = json;
            }
          }
          return copy ?? SAME;
        }
        const proto = Object.getPrototypeOf(node);
        if (proto !== Object.prototype && proto !== null) return GIVE_UP;
        let copy: Record<string, unknown> | undefined;
        for (const key in node) {
          if (!Object.hasOwn(node, key)) continue;
          const item = (node as Record<string, unknown>)[key];
          if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
          if (typeof item === 'number') {
            if (Number.isFinite(item) && !Object.is(item, -0)) continue;
            return GIVE_UP;
          }
          path.push(escapeKey(key));
          const json = walk(item);
          path.pop();
          if (json === GIVE_UP) return GIVE_UP;
          if (json !== SAME) {
            copy ??= { ...node };
            copy[key] = json;
          }
        }
        return copy ?? SAME;
      }
      default:
        return GIVE_UP;
    }
  }

  // A Date, BigInt or undefined answer is annotated at the root in a shape of its own: superjson's.
  const scalar = value === undefined || typeof value === 'bigint' || value instanceof Date;
  const walked = scalar ? GIVE_UP : walk(value);
  if (walked === GIVE_UP) return superjson.serialize(value);
  const json = walked === SAME ? value : walked;
  return (annotated ? { json, meta: { values: annotations, v: 1 } } : { json }) as SuperJSONResult;
}

/** What walk returns for a value sent as it is. */
const SAME = Symbol('same');
const GIVE_UP = Symbol('superjson');

/** superjson's path syntax: `.` separates keys, so a key's own dots and backslashes are escaped. */
function escapeKey(key: string): string {
  return key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;
}

/** The API's transformer: superjson on the wire, answers serialised by `serializeAnswer`. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: superjson.deserialize.bind(superjson) },
};
