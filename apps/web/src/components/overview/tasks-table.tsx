import type { OverviewTask } from '@switchyard/api';
import { TaskStatusBadge } from './task-status-badge';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function TasksTable({ tasks }: { tasks: OverviewTask[] }) {
  if (tasks.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
        No tasks yet
      </p>
    );
  }
  return (
    <div className="overflow-hidden rounded-md border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Title</th>
            <th className="px-4 py-2 font-medium">Project</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <tr key={task.id}>
              <td className="px-4 py-2 font-medium">{task.title}</td>
              <td className="px-4 py-2 text-slate-600">{task.projectName}</td>
              <td className="px-4 py-2">
                <TaskStatusBadge status={task.status} />
              </td>
              <td className="px-4 py-2 text-slate-600">
                <time dateTime={task.createdAt.toISOString()}>{dateFormat.format(task.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
