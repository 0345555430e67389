import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { money, statusColor } from './format-tasks';
import { formatTable, oneLine, timestamp as when } from './table';
import { formatWatchSummary } from './watch-display';

type TaskDetail = ApiOutputs['tasks']['get'];
type QueuedRun = ApiOutputs['tasks']['retryPhase'];

const seconds = (ms: number | null) => (ms === null ? '-' : `${Math.round(ms / 100) / 10} s`);

/**
 * `tasks get`: the task, each phase's outcome, where its branch is, every run, the artifacts and the
 * diff's size.
 */
export function formatTaskDetail(detail: TaskDetail, c: Colors): string {
  const { task } = detail;
  const lines = [
    `${c.bold(task.title)} ${c.dim(task.id)}`,
    `  project ${task.projectName} · ${statusColor(task.status, c)}${task.statusReason ? `: ${oneLine(task.statusReason, 200)}` : ''}`,
    `  created ${when(task.createdAt)}${task.finishedAt ? ` · finished ${when(task.finishedAt)}` : ''} · cost ${money(task.costUsd)}${task.budgetUsd !== null ? ` of ${money(task.budgetUsd)}` : ''} · ${task.inputTokens} tokens in, ${task.outputTokens} out`,
  ];
  // The branch itself is in the summary's delivery line; the worktree is only on its worker's disk.
  if (task.worktreePath)
    lines.push(c.dim(`  worktree ${task.worktreePath} (on the worker that ran the last phase)`));
  lines.push('', formatWatchSummary(detail, c));
  if (detail.runs.length) {
    lines.push(
      '',
      c.bold('Runs'),
      formatTable([
        ['PHASE', 'KIND', 'STATUS', 'ROUTE', 'ATTEMPT', 'DURATION', 'COST', 'ERROR'].map((h) => c.dim(h)),
        ...detail.runs.map((run) => [
          run.phase,
          run.kind,
          statusColor(run.status, c),
          run.routing ? `${run.routing.provider}/${run.routing.model}` : '-',
          `${run.attempt}/${run.maxAttempts}`,
          seconds(run.durationMs),
          money(run.costUsd),
          run.errorMessage ? oneLine(`${run.errorClass ?? 'error'}: ${run.errorMessage}`, 120) : '',
        ]),
      ]),
    );
  }
  if (detail.artifacts.length)
    lines.push(
      '',
      `${c.bold('Artifacts')} (switchyard tasks artifact ${task.id} NAME)`,
      ...detail.artifacts.map((a) => `  ${a.name}  ${a.size} bytes`),
    );
  if (detail.diff)
    lines.push(
      '',
      `Diff: ${detail.diff.content.split('\n').length} lines (switchyard tasks get ${task.id} --diff)`,
    );
  return lines.join('\n');
}

/** What `tasks retry` / `tasks rerun` print with --json: the run just queued (not its queue internals). */
export interface Requeued {
  taskId: string;
  run: {
    id: string;
    phase: string;
    kind: string;
    iteration: number;
    subtaskId: string | null;
    status: string;
  };
}

export const requeuedOf = (taskId: string, run: QueuedRun): Requeued => ({
  taskId,
  run: {
    id: run.id,
    phase: run.phase,
    kind: run.kind,
    iteration: run.iteration,
    subtaskId: run.subtaskId,
    status: run.status,
  },
});

export function formatRequeued({ taskId, run }: Requeued, verb: string, c: Colors): string {
  return [
    `${c.bold(verb)} the ${run.phase} phase of task ${taskId} (run ${run.id}, ${run.kind}); the task is queued again.`,
    c.dim(`Follow it with: switchyard tasks watch ${taskId}`),
  ].join('\n');
}
