import type { TaskStatus } from '@switchyard/db';

/**
 * The board's columns (§7). `blocked` and `cancelled` tasks sit with `failed`: all three stopped
 * without finishing, and the card's badge and status reason say which and why.
 */
export const BOARD_COLUMNS = [
  { id: 'queued', title: 'Queued', statuses: ['queued'] },
  { id: 'running', title: 'Running', statuses: ['running'] },
  { id: 'needs_human', title: 'Needs human', statuses: ['needs_human'] },
  { id: 'done', title: 'Done', statuses: ['done'] },
  { id: 'failed', title: 'Failed / blocked', statuses: ['failed', 'blocked', 'cancelled'] },
] as const satisfies readonly { id: string; title: string; statuses: readonly TaskStatus[] }[];

export const TASK_STATUS_STYLE: Record<TaskStatus, { label: string; className: string }> = {
  queued: { label: 'Queued', className: 'bg-slate-100 text-slate-700 ring-slate-200' },
  running: { label: 'Running', className: 'bg-blue-50 text-blue-700 ring-blue-200' },
  needs_human: { label: 'Needs human', className: 'bg-amber-50 text-amber-800 ring-amber-200' },
  blocked: { label: 'Blocked', className: 'bg-orange-50 text-orange-800 ring-orange-200' },
  done: { label: 'Done', className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-700 ring-red-200' },
  cancelled: { label: 'Cancelled', className: 'bg-slate-100 text-slate-500 ring-slate-200' },
};

/** Statuses after which nothing more runs (the page stops polling). */
export const SETTLED_STATUSES: readonly TaskStatus[] = [
  'done',
  'failed',
  'blocked',
  'cancelled',
  'needs_human',
];

export const RUN_STATUS_STYLE: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-200',
  running: 'bg-blue-50 text-blue-700 ring-blue-200',
  succeeded: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
  cancelled: 'bg-slate-100 text-slate-500 ring-slate-200',
  blocked: 'bg-orange-50 text-orange-800 ring-orange-200',
};
