import type { Route } from 'next';
import Link from 'next/link';
import { formatCost, formatTokens } from '@/lib/format';
import { TaskStatusBadge } from './task-status-badge';
import type { TaskSummary } from './types';

/** A task on the board; `showStatus` where a column holds several statuses (failed / blocked / cancelled). */
export function TaskCard({
  task,
  profileName,
  showStatus,
}: {
  task: TaskSummary;
  profileName: string | null;
  showStatus: boolean;
}) {
  return (
    <Link
      href={`/tasks/${task.id}` as Route}
      data-testid="task-card"
      data-task-id={task.id}
      data-status={task.status}
      className="block rounded-md border border-slate-200 bg-white p-3 shadow-sm transition hover:border-indigo-300 hover:shadow"
    >
      <p className="line-clamp-2 text-sm font-medium text-slate-900">{task.title}</p>
      {showStatus && (
        <div className="mt-1">
          <TaskStatusBadge status={task.status} />
        </div>
      )}
      <p className="mt-1 truncate text-xs text-slate-500" title={task.projectName}>
        {task.projectName}
      </p>
      <p className="truncate text-xs text-slate-500" title={profileName ?? undefined}>
        {profileName ?? 'no profile'}
      </p>
      {task.statusReason && (
        <p
          className="mt-2 line-clamp-3 rounded bg-slate-50 px-2 py-1 text-xs text-slate-600"
          data-testid="status-reason"
        >
          {task.statusReason}
        </p>
      )}
      <div className="mt-2 flex items-center justify-between text-xs text-slate-500 tabular-nums">
        <span>{formatTokens(task.inputTokens + task.outputTokens)} tokens</span>
        <span className="font-medium text-slate-700">{formatCost(task.costUsd)}</span>
      </div>
    </Link>
  );
}
