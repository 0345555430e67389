import { type PrismaClient, sqlPoolOf, type TaskStatus } from '@switchyard/db';
import { z } from 'zod';
import { dateOf, isoSql, prepared } from '../sql/prepared';
import type { TaskSummary } from './task-summary';

export interface ListTasksInput {
  status?: TaskStatus | null;
  projectId?: string | null;
  cursor?: TaskCursor | null;
  limit: number;
}

/** The position after the last task of a page: tasks are ordered by (createdAt desc, id desc). */
export interface TaskCursor {
  createdAt: Date;
  id: string;
}

const CursorJson = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export function encodeTaskCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify({ createdAt: cursor.createdAt.toISOString(), id: cursor.id })).toString(
    'base64url',
  );
}

/** Null when the string is not a cursor this API issued. */
export function decodeTaskCursor(value: string): TaskCursor | null {
  try {
    const parsed = CursorJson.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: new Date(parsed.data.createdAt), id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

/**
 * The one statement tasks.list runs ($1 the team, $2 the page size + 1, then the filters in order):
 * keyset pagination on ("createdAt" DESC, id DESC) within the team, served by
 * Task_teamId_createdAt_id_idx (or Task_teamId_status_createdAt_idx when filtering by status), as
 * plain rows on node-postgres read as arrays (Row: the column order matters; docs/decisions/0016).
 * Exported so that a test can EXPLAIN exactly this SQL; `name` is its prepared statement's, one per
 * combination of filters.
 */
export function listTasksStatement(
  teamId: string,
  input: ListTasksInput,
): { name: string; text: string; values: unknown[] } {
  const values: unknown[] = [teamId, input.limit + 1];
  const conditions = ['t."teamId" = $1'];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (input.status) conditions.push(`t.status = ${param(input.status)}::"TaskStatus"`);
  if (input.projectId) conditions.push(`t."projectId" = ${param(input.projectId)}`);
  if (input.cursor) {
    const createdAt = param(input.cursor.createdAt.toISOString());
    conditions.push(
      `(t."createdAt", t.id) < (${createdAt}::timestamptz AT TIME ZONE 'UTC', ${param(input.cursor.id)})`,
    );
  }
  const name = `tasks.list${input.status ? '+status' : ''}${input.projectId ? '+project' : ''}${input.cursor ? '+cursor' : ''}`;
  const text = `
    SELECT t.id, t."teamId", t."projectId", p.name AS "projectName", t.title, t.status,
           t."statusReason", t."profileId", t."budgetUsd"::float8 AS "budgetUsd",
           t."inputTokens"::float8 AS "inputTokens", t."outputTokens"::float8 AS "outputTokens",
           t."cacheTokens"::float8 AS "cacheTokens", t."costUsd"::float8 AS "costUsd",
           ${isoSql('t."createdAt"')} AS "createdAt", ${isoSql('t."updatedAt"')} AS "updatedAt",
           ${isoSql('t."finishedAt"')} AS "finishedAt"
      FROM "Task" t
      JOIN "Project" p ON p.id = t."projectId"
     WHERE ${conditions.join(' AND ')}
     ORDER BY t."createdAt" DESC, t.id DESC
     LIMIT $2`;
  return { name, text, values };
}

/**
 * A row of listTasksStatement as an array (node-postgres' rowMode 'array'), in the statement's column
 * order: keep the two in step (task-reads.int.test.ts compares every field with Prisma's reading).
 */
type Row = [
  id: string,
  teamId: string,
  projectId: string,
  projectName: string,
  title: string,
  status: TaskStatus,
  statusReason: string | null,
  profileId: string | null,
  budgetUsd: number | null,
  inputTokens: number,
  outputTokens: number,
  cacheTokens: number,
  costUsd: number,
  createdAt: string,
  updatedAt: string,
  finishedAt: string | null,
];

/** The summary built in one object literal: cheaper to make and to serialise than a spread row. */
function toSummary(r: Row): TaskSummary {
  return {
    id: r[0],
    teamId: r[1],
    projectId: r[2],
    projectName: r[3],
    title: r[4],
    status: r[5],
    statusReason: r[6],
    profileId: r[7],
    budgetUsd: r[8],
    inputTokens: r[9],
    outputTokens: r[10],
    cacheTokens: r[11],
    costUsd: r[12],
    createdAt: dateOf(r[13]),
    updatedAt: dateOf(r[14]),
    finishedAt: dateOf(r[15]),
  };
}

/** One page of the team's tasks, newest first, and the cursor of the next page (null at the end). */
export async function listTasks(
  prisma: PrismaClient,
  teamId: string,
  input: ListTasksInput,
): Promise<{ items: TaskSummary[]; nextCursor: string | null }> {
  const { name, text, values } = listTasksStatement(teamId, input);
  const { rows } = await sqlPoolOf(prisma).query<Row>({ ...prepared(name, text, values), rowMode: 'array' });
  const items = rows.slice(0, input.limit).map(toSummary);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeTaskCursor(last) : null };
}
