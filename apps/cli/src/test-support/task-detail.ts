import type { ApiOutputs } from '../api/client';

type TaskDetail = ApiOutputs['tasks']['get'];

export const TASK_ID = '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11';
export const AT = new Date('2026-01-02T03:04:05Z');

/** A settled task as `tasks.get` answers it, with the given branch delivery and runs (CLI tests). */
export function taskDetail(
  delivery: TaskDetail['task']['delivery'],
  runs: TaskDetail['runs'] = [],
): TaskDetail {
  return {
    task: {
      id: TASK_ID,
      teamId: 't',
      projectId: 'p',
      projectName: 'Shop',
      title: 'Add coupons',
      status: 'done',
      statusReason: null,
      profileId: null,
      budgetUsd: null,
      inputTokens: 10,
      outputTokens: 5,
      cacheTokens: 0,
      costUsd: 0.5,
      createdAt: AT,
      updatedAt: AT,
      finishedAt: AT,
      description: 'd',
      routing: {},
      branch: delivery.branch,
      worktreePath: delivery.branch ? '/var/lib/switchyard/worktrees/x' : null,
      delivery,
    },
    runs,
    artifacts: [],
    diff: null,
  };
}
