import { createHash } from 'node:crypto';
import type { SqlPool } from '@switchyard/db';
import { wireDate } from '../wire';

const names = new Map<string, string>();

/**
 * A named (prepared) statement: `name` plus a short hash of its text. node-postgres prepares a name
 * once per connection and refuses the same name with another text, which a dev server's hot reload
 * (its pool outlives the module) or two versions of the API on one pool would otherwise send.
 */
export function prepared(name: string, text: string, values: unknown[]) {
  let named = names.get(text);
  if (named === undefined) {
    named = `${name}:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    names.set(text, named);
  }
  return { name: named, text, values };
}

/**
 * Runs a named (prepared) statement whose one row's one column is a JSON text that PostgreSQL built,
 * and parses it: the shape of a read of one row with nested lists (tasks.get's task with its
 * artifacts and diff, docs/decisions/0016); lists of flat rows are read as rows instead. Null when
 * the statement returns no row or a SQL NULL.
 */
export async function readJson<T>(
  pool: SqlPool,
  name: string,
  text: string,
  values: unknown[],
): Promise<T | null> {
  const result = await pool.query<{ json: string | null }>(prepared(name, text, values));
  const json = result.rows[0]?.json;
  return json == null ? null : (JSON.parse(json) as T);
}

/**
 * A `timestamp(3)` column (Prisma keeps UTC in them) as the text `Date` reads back exactly:
 * `2026-12-07T10:28:50.119Z`. Only for trusted column expressions, never for input.
 */
export function isoSql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** The Date of an ISO text isoSql wrote (remembering the text: wireDate); null stays null. */
export function dateOf(iso: string): Date;
export function dateOf(iso: string | null): Date | null;
export function dateOf(iso: string | null): Date | null {
  return iso === null ? null : wireDate(iso);
}
