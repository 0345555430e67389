import { Prisma, type PrismaClient, type TaskStatus } from '@switchyard/db';
import { z } from 'zod';
import { type TaskSummary, toTaskSummary } from './task-summary';

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
 * The one statement tasks.list runs: keyset pagination on ("createdAt" DESC, id DESC) within the
 * team, served by Task_teamId_createdAt_id_idx (or Task_teamId_status_createdAt_idx when filtering
 * by status). Exported so that a test can EXPLAIN exactly this SQL.
 */
export function listTasksQuery(teamId: string, input: ListTasksInput): Prisma.Sql {
  const conditions = [Prisma.sql`t."teamId" = ${teamId}`];
  if (input.status) conditions.push(Prisma.sql`t.status = ${input.status}::"TaskStatus"`);
  if (input.projectId) conditions.push(Prisma.sql`t."projectId" = ${input.projectId}`);
  if (input.cursor)
    conditions.push(
      Prisma.sql`(t."createdAt", t.id) < (${input.cursor.createdAt}::timestamp(3), ${input.cursor.id})`,
    );
  return Prisma.sql`
    SELECT t.id, t."teamId", t."projectId", t.title, t.status::text AS status, t."statusReason", t."profileId",
           t."budgetUsd", t."inputTokens", t."outputTokens", t."cacheTokens", t."costUsd",
           t."createdAt", t."updatedAt", t."finishedAt", p.name AS "projectName"
      FROM "Task" t
      JOIN "Project" p ON p.id = t."projectId"
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY t."createdAt" DESC, t.id DESC
     LIMIT ${input.limit + 1}`;
}

type Row = Parameters<typeof toTaskSummary>[0] & { projectName: string };

/** One page of the team's tasks, newest first, and the cursor of the next page (null at the end). */
export async function listTasks(
  prisma: PrismaClient,
  teamId: string,
  input: ListTasksInput,
): Promise<{ items: TaskSummary[]; nextCursor: string | null }> {
  const rows = await prisma.$queryRaw<Row[]>(listTasksQuery(teamId, input));
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toTaskSummary(row, row.projectName)),
    nextCursor: rows.length > input.limit && last ? encodeTaskCursor(last) : null,
  };
}
