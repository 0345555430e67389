// The peer: one graphile-worker process (non-batched: no local queue, no batched completion) whose
// one task does what our queue's trivial handler does, record that it ran. Prints `ready` once
// running; SIGTERM stops it gracefully and exits 0 (as our worker does, so exit hooks run).
import { run } from 'graphile-worker';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const workerId = process.env.WORKER_ID ?? `graphile-${process.pid}`;
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 1);

const runner = await run({
  connectionString,
  concurrency,
  // The same fallback poll as our WORKER_POLL_MS default; both are woken by LISTEN/NOTIFY first.
  pollInterval: Number(process.env.WORKER_POLL_MS ?? 2_000),
  maxPoolSize: concurrency + 2,
  noHandleSignals: true,
  taskList: {
    record: async (_payload, helpers) => {
      await helpers.query('INSERT INTO bench_handled (job_id, worker_id, attempt) VALUES ($1, $2, $3)', [
        helpers.job.id,
        workerId,
        helpers.job.attempts,
      ]);
    },
  },
});
process.on('SIGTERM', () => {
  runner.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.stdout.write('ready\n');
await runner.promise;
