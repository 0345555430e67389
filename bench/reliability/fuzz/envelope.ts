// The superjson envelope the dashboard's client sends (`{"json": …, "meta": {"values": …}}`), written
// here for the value kinds fast-check generates (undefined, bigint, Date, NaN/±Infinity/-0, Map, Set),
// so a generated BigInt or Date reaches the server as one. Plus envelopes no client would send.

type Annotation = [string];

const escapeKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

/** `{"json": …}` with superjson's `meta.values` for the values plain JSON cannot carry. */
export function envelope(value: unknown): string {
  const values = new Map<string | null, Annotation>();
  const json = walk(value, [], values);
  const root = values.get(null);
  if (root) return JSON.stringify({ json, meta: { values: root, v: 1 } });
  const meta = values.size ? { meta: { values: Object.fromEntries(values), v: 1 } } : {};
  return JSON.stringify({ json, ...meta });
}

/** The JSON of `value`, recording superjson's annotation of each special value under its path (null: the root). */
function walk(value: unknown, path: string[], out: Map<string | null, Annotation>): unknown {
  const mark = (annotation: Annotation, json: unknown) => {
    out.set(path.length ? path.map(escapeKey).join('.') : null, annotation);
    return json;
  };
  if (value === undefined) return mark(['undefined'], null);
  if (typeof value === 'bigint') return mark(['bigint'], value.toString());
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return mark(['number'], Object.is(value, -0) ? '-0' : String(value));
  if (value instanceof Date)
    return mark(['Date'], Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString());
  if (value instanceof Set)
    return mark(
      ['set'],
      [...value].map((v) => plain(v)),
    );
  if (value instanceof Map)
    return mark(
      ['map'],
      [...value].map(([k, v]) => [plain(k), plain(v)]),
    );
  if (Array.isArray(value)) return Array.from(value, (v, i) => walk(v, [...path, String(i)], out));
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = walk((value as Record<string, unknown>)[key], [...path, key], out);
      Object.defineProperty(result, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  return value;
}

/** Inside a Map or Set: plain JSON (superjson's nested annotations are not worth writing here). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');
}

/**
 * Requests whose body or `input` parameter is not what a client sends: broken JSON, no envelope, a
 * wrong or hostile superjson `meta`, prototype keys, very deep nesting. `valid` is a well-formed input
 * of the procedure (to wrap wrongly).
 */
export function malformedEnvelopes(valid: unknown): { label: string; text: string | undefined }[] {
  const bare = JSON.stringify(valid ?? null);
  const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
  return [
    { label: 'no input at all', text: undefined },
    { label: 'empty text', text: '' },
    { label: 'truncated JSON', text: '{"json":' },
    { label: 'not JSON', text: 'hello' },
    { label: 'JSON with a trailing comma', text: `{"json":${bare},}` },
    { label: 'no envelope (the bare input)', text: bare },
    { label: 'envelope of null', text: '{"json":null}' },
    { label: 'an array instead of an envelope', text: `[${bare}]` },
    { label: 'a string instead of an envelope', text: JSON.stringify(bare) },
    { label: 'meta: bigint of a non-number', text: '{"json":"abc","meta":{"values":["bigint"]}}' },
    { label: 'meta: unknown transformation', text: `{"json":${bare},"meta":{"values":["nope"]}}` },
    { label: 'meta: map over a number', text: '{"json":{"a":1},"meta":{"values":{"a":["map"]}}}' },
    {
      label: 'meta: __proto__ path',
      text: '{"json":{},"meta":{"values":{"__proto__.polluted":["undefined"]}}}',
    },
    { label: 'meta: Date of garbage', text: '{"json":"not a date","meta":{"values":["Date"]}}' },
    { label: 'meta: not an object', text: `{"json":${bare},"meta":"x"}` },
    {
      label: 'meta: referential equality to nowhere',
      text: `{"json":${bare},"meta":{"referentialEqualities":{"nope":["a.b"]}}}`,
    },
    { label: 'meta: class with no registration', text: '{"json":{},"meta":{"values":[["class","Evil"]]}}' },
    { label: '__proto__ key in the input', text: '{"json":{"__proto__":{"isAdmin":true}}}' },
    { label: 'constructor.prototype in the input', text: '{"json":{"constructor":{"prototype":{"x":1}}}}' },
    { label: 'nesting 1,000 deep', text: `{"json":${deep}}` },
  ];
}
