// The phase queue's shared half: what the API (creating and cancelling tasks) and the worker both
// need. The worker's half (claiming, leases, the loop) is apps/worker/src/queue.
export { CANCEL_CHANNEL, PHASE_RUNS_CHANNEL, TASK_EVENTS_CHANNEL } from './channels';
export { type DbClient, inTransaction } from './db-client';
export { type EnqueuePhaseRunInput, enqueuePhaseRun, TaskCancelledError } from './enqueue-phase-run';
export { listenForNotifications, type NotificationConnection } from './listen';
export { notify } from './notify';
export { requestTaskCancel, type TaskCancelResult } from './request-task-cancel';
export {
  END_TASK_WATCHES_SQL,
  RENEW_TASK_WATCHES_SQL,
  SWEEP_TASK_WATCHES_SQL,
  TASK_WATCH_RENEW_MS,
  TASK_WATCH_TTL_MS,
  taskWatchedSql,
} from './task-watch';
