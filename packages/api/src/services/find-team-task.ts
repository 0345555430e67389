import type { PrismaClient } from '@switchyard/db';
import { notFound } from '../errors';

/** A task of the caller's team; another team's task is NOT_FOUND, like one that does not exist. */
export async function findTeamTask(prisma: PrismaClient, teamId: string, taskId: string) {
  const task = await prisma.task.findFirst({ where: { id: taskId, teamId } });
  if (!task) throw notFound('Task');
  return task;
}
