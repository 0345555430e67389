// The NOTIFY channels the API and the worker meet on (ARCHITECTURE.md §6). Defined once here.

/** Payload: the id of a run that became pending. Wakes idle worker slots. */
export const PHASE_RUNS_CHANNEL = 'switchyard_phase_runs';

/** Payload: the id of a task whose running phase must stop. */
export const CANCEL_CHANNEL = 'switchyard_cancel';

/**
 * Payload: the id of a task whose events or status just changed. Wakes its live subscriptions. New
 * events are announced only while the task is watched (task-watch.ts, docs/decisions/0017).
 */
export const TASK_EVENTS_CHANNEL = 'switchyard_task_events';
