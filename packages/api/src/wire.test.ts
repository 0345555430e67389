import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeAnswer } from './wire';

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
