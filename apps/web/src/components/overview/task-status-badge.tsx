import type { TaskStatus } from '@switchyard/db';

const STYLES: Record<TaskStatus, { label: string; className: string }> = {
  queued: { label: 'Queued', className: 'bg-slate-100 text-slate-700' },
  running: { label: 'Running', className: 'bg-blue-100 text-blue-800' },
  needs_human: { label: 'Needs human', className: 'bg-amber-100 text-amber-800' },
  blocked: { label: 'Blocked', className: 'bg-orange-100 text-orange-800' },
  done: { label: 'Done', className: 'bg-green-100 text-green-800' },
  failed: { label: 'Failed', className: 'bg-red-100 text-red-800' },
  cancelled: { label: 'Cancelled', className: 'bg-slate-100 text-slate-500' },
};

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${style.className}`}>
      {style.label}
    </span>
  );
}
