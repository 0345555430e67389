import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeAnswer, wireDate } from './wire';

/** A new Date each time: rows from the database never share one. */
const at = () => new Date('2026-12-07T06:00:00.123Z');

const listPage = () => ({
  items: [
    { id: 'a', title: 'x', costUsd: 1.25, budgetUsd: null, createdAt: at(), finishedAt: null },
    { id: 'b', title: 'y', costUsd: 0, budgetUsd: 3, createdAt: at(), finishedAt: at() },
  ],
  nextCursor: null,
});

// Answers serializeAnswer writes itself, and the edges it leaves to superjson.
const own: [string, unknown][] = [
  ['a list page', listPage()],
  ['no annotation at all', { a: [1, 'two', true, null, { b: [] }] }],
  ['keys with dots and backslashes', { 'a.b': at(), 'c\\d': { 'e.f\\.g': at() }, '': at() }],
  ['empty keys', { '': { '': at(), x: [at()] } }],
  ['bigints and undefined', { n: 12n, list: [undefined, 1], missing: undefined }],
  ['an empty object', {}],
  ['a top-level array', [at(), { at: at() }]],
  ['a top-level string', 'plain'],
  ['null', null],
];
const superjsons: [string, unknown][] = [
  ['a top-level Date', at()],
  ['undefined', undefined],
  ['a Map', { m: new Map([['k', at()]]) }],
  ['a Set', { s: new Set([1]) }],
  ['NaN, -0 and Infinity', { a: Number.NaN, b: -0, c: Number.POSITIVE_INFINITY }],
  ['an invalid Date', { d: new Date(Number.NaN) }],
  ['a class instance', { d: new (class Money {})() }],
  ['an Error', { e: new Error('boom') }],
];

afterEach(() => vi.restoreAllMocks());

describe('serializeAnswer writes what superjson.serialize writes', () => {
  for (const [name, value] of own)
    it(`${name}, by itself`, () => {
      const expected = superjson.serialize(value);
      const spy = vi.spyOn(superjson, 'serialize');
      const wire = serializeAnswer(value);
      expect(spy).not.toHaveBeenCalled();
      expect(wire).toEqual(expected);
      expect(superjson.deserialize(JSON.parse(JSON.stringify(wire)))).toEqual(value);
    });

  for (const [name, value] of superjsons)
    it(`${name}, through superjson`, () => {
      const spy = vi.spyOn(superjson, 'serialize');
      expect(serializeAnswer(value)).toEqual(superjson.serialize(value));
      expect(spy).toHaveBeenCalledTimes(2);
    });

  it('an object met twice, through superjson (it keeps the identity)', () => {
    const shared = { at: at() };
    const value = { a: shared, b: shared, c: [at()] };
    const wire = serializeAnswer(value);
    expect(wire).toEqual(superjson.serialize(value));
    const back = superjson.deserialize<typeof value>(JSON.parse(JSON.stringify(wire)));
    expect(back.a).toBe(back.b);
  });
});

describe('copy on write', () => {
  it('leaves the answer it was given as it was, and shares what needs no rewriting', () => {
    const routing = { provider: 'zai', hops: [{ provider: 'anthropic', model: 'opus' }] };
    const run = { id: 'r1', costUsd: 0.5, routing, createdAt: at(), error: undefined };
    const answer = { runs: [run], total: 1 };
    const wire = serializeAnswer(answer) as { json: { runs: { routing: unknown; createdAt: unknown }[] } };
    expect(wire).toEqual(superjson.serialize(answer));
    // The caller's objects are untouched: the Date is still a Date, undefined still undefined.
    expect(run.createdAt).toBeInstanceOf(Date);
    expect('error' in run && run.error).toBeUndefined();
    expect(wire.json.runs[0]).not.toBe(run);
    expect(wire.json.runs[0]?.routing).toBe(routing);
  });
});

describe('wireDate', () => {
  it('is the Date of the text, and is written as that text without formatting it again', () => {
    const date = wireDate('2026-12-07T10:28:50.119Z');
    expect(date).toBeInstanceOf(Date);
    expect(date.getTime()).toBe(Date.UTC(2026, 11, 7, 10, 28, 50, 119));
    const toIso = vi.spyOn(Date.prototype, 'toISOString');
    const wire = serializeAnswer({ at: date });
    expect(toIso).not.toHaveBeenCalled();
    expect(wire).toEqual(superjson.serialize({ at: new Date(date.getTime()) }));
  });

  it('a Date changed after it was made is written as it is now', () => {
    const date = wireDate('2026-12-07T10:28:50.119Z');
    date.setUTCHours(11);
    expect(serializeAnswer({ at: date }).json).toEqual({ at: '2026-12-07T11:28:50.119Z' });
  });

  it('a text toISOString would not write is not taken as the wire text', () => {
    for (const text of ['2026-12-07T11:28:50+01:00', '2026-12-07 10:28:50.119Z', '2026-12-07']) {
      const date = wireDate(text);
      expect(serializeAnswer({ at: date }).json).toEqual({ at: new Date(text).toISOString() });
    }
    const invalid = wireDate('2026-13-45T10:28:50.119Z');
    expect(Number.isNaN(invalid.getTime())).toBe(true);
    expect(serializeAnswer({ at: invalid })).toEqual(superjson.serialize({ at: invalid }));
  });
});
