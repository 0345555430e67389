import type { PrismaClient } from '@switchyard/db';
import { requestTaskCancel } from '@switchyard/db/queue';
import { findTeamTask } from './find-team-task';

export { TaskStatus } from '@switchyard/db';

/** Cancels a task of the caller's team (see requestTaskCancel). */
export async function requestTaskCancelForTeam(prisma: PrismaClient, teamId: string, taskId: string) {
  await findTeamTask(prisma, teamId, taskId);
  return requestTaskCancel(prisma, taskId);
}
