import { fileURLToPath } from 'node:url';
import { dataDir } from '@switchyard/db/embedded';
import { type ProjectPlaces, projectPlacesFrom } from '@switchyard/db/project-places';
import { loadSecretKey } from '@switchyard/db/secrets';
import { ConfigError, loadWorkerConfig, workerDirs } from './config';
import { createLogger, type Logger } from './logger';
import { createPipelineHandler } from './pipeline/handler';
import {
  bubblewrapStatus,
  processLimit,
  type SandboxMode,
  SandboxUnavailableError,
  UNSANDBOXED_WARNING,
} from './sandbox';
import { Worker } from './worker';

/** The Switchyard checkout this worker runs from. */
const INSTALL_DIR = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  let config: ReturnType<typeof loadWorkerConfig>;
  let secretKey: Buffer;
  let places: ProjectPlaces;
  try {
    config = loadWorkerConfig(process.env);
    secretKey = loadSecretKey(process.env, dataDir());
    places = projectPlacesFrom(process.env, { installDir: INSTALL_DIR, dataDir: dataDir() });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    console.error(
      error instanceof ConfigError ? error.message : `Invalid worker configuration: ${error.message}`,
    );
    process.exit(2);
  }
  const log = createLogger(config.logLevel, config.workerId);
  logSandbox(config.sandbox, log);
  const dirs = workerDirs(config, dataDir());
  const worker = new Worker(config, log, {
    createHandler: (prisma) =>
      createPipelineHandler({
        prisma,
        secretKey,
        env: process.env,
        customProviders: config.customProviders ?? [],
        dirs,
        places,
        webSearchAllowPrivate: config.webSearchAllowPrivate,
        log,
        streamIdleMs: config.streamIdleMs,
        sandbox: config.sandbox,
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

/** Says at start how agent commands will run here, so an operator sees a missing bwrap at once. */
function logSandbox(mode: SandboxMode, log: Logger): void {
  if (mode === 'off') {
    log.warn({ sandbox: 'off' }, UNSANDBOXED_WARNING);
    return;
  }
  const status = bubblewrapStatus();
  if (!status.ok) {
    log.error({ sandbox: 'unavailable' }, new SandboxUnavailableError(status.reason).message);
    return;
  }
  const limit = processLimit();
  log.info(
    { sandbox: 'bubblewrap', bwrap: status.path, version: status.version, processLimit: limit.describe },
    'agent commands run in a bubblewrap sandbox',
  );
}

void main();
