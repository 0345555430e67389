import type { TaskModel as Task, TaskStatus } from '@switchyard/db';

export interface TaskSummary {
  id: string;
  teamId: string;
  projectId: string;
  projectName: string;
  title: string;
  status: TaskStatus;
  statusReason: string | null;
  profileId: string | null;
  budgetUsd: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheTokens: number;
  costUsd: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

type TaskRow = Pick<
  Task,
  | 'id'
  | 'teamId'
  | 'projectId'
  | 'title'
  | 'status'
  | 'statusReason'
  | 'profileId'
  | 'createdAt'
  | 'updatedAt'
  | 'finishedAt'
> & {
  budgetUsd: { toString(): string } | null;
  costUsd: { toString(): string };
  inputTokens: bigint | number;
  outputTokens: bigint | number;
  cacheTokens: bigint | number;
};

/** Plain numbers for the wire: token counts fit a double, money is shown to the cent. */
export function toTaskSummary(row: TaskRow, projectName: string): TaskSummary {
  return {
    id: row.id,
    teamId: row.teamId,
    projectId: row.projectId,
    projectName,
    title: row.title,
    status: row.status,
    statusReason: row.statusReason,
    profileId: row.profileId,
    budgetUsd: row.budgetUsd === null ? null : Number(row.budgetUsd.toString()),
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    cacheTokens: Number(row.cacheTokens),
    costUsd: Number(row.costUsd.toString()),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}
