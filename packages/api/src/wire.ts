import superjson, { type SuperJSONResult } from 'superjson';

/**
 * superjson's wire format, written in one pass for the answers this API sends (plain objects and
 * arrays of strings, finite numbers, booleans, nulls, Dates, BigInts and undefined): what
 * `superjson.serialize` produces, at a fraction of its CPU. A list page spent ~1.1 ms of the
 * dashboard's CPU in superjson's generic walk (bench/reports/api.md). Anything else (a Map, a Set, a
 * class instance such as a Prisma Decimal, NaN, -0, an object met twice) is left to superjson itself,
 * so the client's `superjson.deserialize` reads the same values either way.
 *
 * Copy on write: an object or array is copied only when something in it is written differently (a
 * Date becomes its ISO text, undefined becomes null); the rest of the answer is handed to
 * `JSON.stringify` as the procedure returned it. A Date made by `wireDate` carries its ISO text, so
 * the 600 timestamps of a tasks.get answer are not formatted again (docs/decisions/0016). Answers
 * are plain data: a getter is read more than once (by this walk, a copy, and JSON.stringify).
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const annotations: Record<string, [string]> = {};
  const seen = new Set<object>();
  let annotated = false;

  /** What `node` at `path` (ROOT for the answer) is written as: itself, a copy, or GIVE_UP. */
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
          const time = node.getTime();
          if (Number.isNaN(time)) return GIVE_UP;
          annotations[path] = ['Date'];
          annotated = true;
          return isoTextOf(node, time);
        }
        const prefix = path === ROOT ? '' : `${path}.`;
        if (Array.isArray(node)) {
          let copy: unknown[] | undefined;
          for (let i = 0; i < node.length; i += 1) {
            const item = node[i];
            // Strings, booleans and null are written as they are: most of an answer, no path built.
            if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
            const json = walk(item, `${prefix}${i}`);
            if (json === GIVE_UP) return GIVE_UP;
            if (json !== item) {
              copy ??= node.slice();
              copy[i] = json;
            }
          }
          return copy ?? node;
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
          const json = walk(item, `${prefix}${escapeKey(key)}`);
          if (json === GIVE_UP) return GIVE_UP;
          if (json !== item) {
            copy ??= { ...node };
            copy[key] = json;
          }
        }
        return copy ?? node;
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

/**
 * A Date that remembers the ISO text it was made from, and the time that text stood for (private:
 * nothing else sees them; spreads and `Object.keys` of it are a Date's).
 */
class IsoTextDate extends Date {
  readonly #text: string;
  readonly #time: number;
  constructor(iso: string) {
    super(iso);
    this.#text = iso;
    this.#time = this.getTime();
  }

  /** Its text, while the Date still holds the time the text stands for; else undefined. */
  static textOf(date: Date, time: number): string | undefined {
    return #text in date && date.#time === time ? date.#text : undefined;
  }
}

/**
 * The Date of an ISO text as PostgreSQL's `to_char` writes it through `isoSql` (UTC, milliseconds:
 * `2026-12-07T10:28:50.119Z`), remembering that text for `serializeAnswer`, which then need not
 * format it again. Only for such texts of real instants: a text JavaScript would normalise (a 30th
 * of February, 24:00) would be sent as given. A Date changed since (setTime, setHours…) no longer
 * matches the time it remembers and is formatted as usual.
 */
export function wireDate(iso: string): Date {
  return iso.length === 24 && iso[10] === 'T' && iso[23] === 'Z' ? new IsoTextDate(iso) : new Date(iso);
}

function isoTextOf(date: Date, time: number): string {
  return IsoTextDate.textOf(date, time) ?? date.toISOString();
}

/** The API's transformer: superjson on the wire, answers serialised by `serializeAnswer`. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: superjson.deserialize.bind(superjson) },
};
