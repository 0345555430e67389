import { PHASES } from '@switchyard/providers';
import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { formatTable, oneLine } from './table';

type TaskSummary = ApiOutputs['tasks']['list']['items'][number];
type Created = ApiOutputs['tasks']['create'];
type CancelResult = ApiOutputs['tasks']['cancel'];

/** Task and run statuses: green when finished well, cyan while under way, red when it needs someone. */
export function statusColor(status: string, c: Colors): string {
  switch (status) {
    case 'done':
    case 'succeeded':
      return c.green(status);
    case 'running':
    case 'queued':
    case 'pending':
      return c.cyan(status);
    case 'cancelled':
    case 'not started':
      return c.dim(status);
    default:
      return c.red(status);
  }
}

export const money = (usd: number) => `$${usd.toFixed(usd > 0 && usd < 0.01 ? 4 : 2)}`;

export function formatTaskList(list: ApiOutputs['tasks']['list'], c: Colors): string {
  if (!list.items.length)
    return 'No tasks. Create one with: switchyard tasks create --project P --profile NAME "…"';
  const rows = [
    ['ID', 'STATUS', 'PROJECT', 'COST', 'CREATED', 'TITLE'].map((h) => c.bold(h)),
    ...list.items.map((task: TaskSummary) => [
      task.id,
      statusColor(task.status, c),
      task.projectName,
      money(task.costUsd),
      task.createdAt.toISOString().slice(0, 16).replace('T', ' '),
      oneLine(task.title, 60),
    ]),
  ];
  const more = list.nextCursor ? `\n${c.dim(`More: --cursor ${list.nextCursor}`)}` : '';
  return formatTable(rows) + more;
}

export function formatCreatedTask(created: Created, c: Colors): string {
  const rows = PHASES.map((phase) => {
    const route = created.routing.phases[phase];
    return [`  ${phase}`, route ? `${route.provider}/${route.model}` : '?'];
  });
  const lines = [
    `Created task ${c.bold(created.task.id)} "${created.task.title}" in ${created.task.projectName} (${statusColor(created.task.status, c)})`,
    formatTable(rows),
    ...created.warnings.map((w) => c.yellow(`  warning (${w.phase}): ${w.message}`)),
    c.dim(`Follow it with: switchyard tasks watch ${created.task.id}`),
  ];
  return lines.join('\n');
}

export function formatCancel(taskId: string, result: CancelResult, c: Colors): string {
  if (!result.taskCancelled) return `Task ${taskId} had already finished: nothing to cancel.`;
  const running = result.runningRunIds.length
    ? `; its worker stops ${result.runningRunIds.length} running phase run(s) within seconds`
    : '';
  return `${c.bold('Cancelled')} task ${taskId} (${result.cancelledPendingRunIds.length} pending run(s) dropped${running}).`;
}
