import { join } from 'node:path';
import { dataDir } from '@switchyard/db/embedded';
import { loadSecretKey } from '@switchyard/db/secrets';
import { ConfigError, loadWorkerConfig } from './config';
import { createLogger } from './logger';
import { createPipelineHandler } from './pipeline/handler';
import { Worker } from './worker';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadWorkerConfig>;
  let secretKey: Buffer;
  try {
    config = loadWorkerConfig(process.env);
    secretKey = loadSecretKey(process.env, dataDir());
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    console.error(
      error instanceof ConfigError ? error.message : `Invalid worker configuration: ${error.message}`,
    );
    process.exit(2);
  }
  const log = createLogger(config.logLevel, config.workerId);
  const worktreesDir = config.worktreesDir ?? join(dataDir(), 'worktrees');
  const worker = new Worker(config, log, {
    createHandler: (prisma) =>
      createPipelineHandler({
        prisma,
        secretKey,
        env: process.env,
        customProviders: config.customProviders ?? [],
        webSearch: null,
        dirs: { worktreesDir, reposDir: join(worktreesDir, '..', 'repos') },
        log,
        streamIdleMs: config.streamIdleMs,
      }),
  });

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    worker.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await worker.start();
  } catch (error) {
    log.fatal({ err: error }, 'worker could not start');
    await worker.stop('start failed').catch(() => {});
    process.exit(1);
  }
}

void main();
