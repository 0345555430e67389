// A real worker process (config, Worker, WorkerLoop) with a scripted handler, for the queue's
// multi-process tests. Signal handling mirrors src/main.ts. QUEUE_TEST_HANDLER picks the handler:
//   record          record the handling, write one event, succeed the run
//   slow            wait QUEUE_TEST_DELAY_MS (ignoring aborts), then as record
//   block           record, write three events and flush them, then never return (crash test)
//   ignore-shutdown record, then never return, whatever the signal says
import pg from 'pg';
import { loadWorkerConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { PhaseHandler, RunLease } from '../../src/queue';
import { Worker } from '../../src/worker';

const config = loadWorkerConfig(process.env);
const log = createLogger(config.logLevel, config.workerId);
// The handler's own writes go through node-postgres, as a real task's would (and as the benchmark's
// peer, graphile-worker, does): the queue's cost is what is measured.
const recorder = new pg.Pool({ connectionString: config.databaseUrl ?? '', max: 2 });
// A connection closed by the server (the test database dropped) must not crash the process.
recorder.on('error', () => {});

async function recordHandling(lease: RunLease): Promise<void> {
  await recorder.query({
    name: 'record-handling',
    text: 'INSERT INTO queue_test_handled ("runId", "workerId", attempt) VALUES ($1, $2, $3)',
    values: [lease.run.id, lease.workerId, lease.run.attempt],
  });
}

async function succeed(lease: RunLease): Promise<void> {
  lease.appendEvents([{ type: 'log', payload: { handledBy: lease.workerId, attempt: lease.run.attempt } }]);
  await lease.finish({ status: 'succeeded' });
}

const forever = () => new Promise<never>(() => {});

const handlers: Record<string, PhaseHandler> = {
  record: async (lease) => {
    await recordHandling(lease);
    await succeed(lease);
  },
  slow: async (lease) => {
    await recordHandling(lease);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.QUEUE_TEST_DELAY_MS ?? 1_000)));
    await succeed(lease);
  },
  block: async (lease) => {
    await recordHandling(lease);
    lease.appendEvents([1, 2, 3].map((step) => ({ type: 'log' as const, payload: { step, attempt: 1 } })));
    await lease.flushEvents();
    await forever();
  },
  'ignore-shutdown': async (lease) => {
    await recordHandling(lease);
    await forever();
  },
};

const handler = handlers[process.env.QUEUE_TEST_HANDLER ?? 'record'];
if (!handler) throw new Error(`unknown QUEUE_TEST_HANDLER ${process.env.QUEUE_TEST_HANDLER}`);
const worker = new Worker(config, log, { handler, migrate: false }); // freshDatabase() migrated it

let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  worker.stop(signal).then(
    () => recorder.end().finally(() => process.exit(0)),
    (error: unknown) => {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

await worker.start();
