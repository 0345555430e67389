import { describe, expect, it } from 'vitest';
import { dateOf, isoSql, prepared } from './prepared';

describe('prepared statements', () => {
  it('name a statement by its text, so that a changed statement never reuses a prepared name', () => {
    const first = prepared('tasks.get', 'SELECT 1', []);
    expect(prepared('tasks.get', 'SELECT 1', ['x']).name).toBe(first.name);
    // What a dev server's hot reload sends on the pool that outlived the old module.
    const edited = prepared('tasks.get', 'SELECT 2', []);
    expect(edited.name).not.toBe(first.name);
    expect(edited.name).toMatch(/^tasks\.get:[0-9a-f]{12}$/);
    expect(edited).toMatchObject({ text: 'SELECT 2', values: [] });
  });

  it('read timestamps back as the UTC instants they hold', () => {
    expect(isoSql('t."createdAt"')).toBe(`to_char(t."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
    expect(dateOf('2026-12-07T10:28:50.119Z').getTime()).toBe(Date.UTC(2026, 11, 7, 10, 28, 50, 119));
    expect(dateOf(null)).toBeNull();
  });
});
