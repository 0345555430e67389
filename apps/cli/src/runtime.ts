import { type ApiClient, createApiClient } from './api/client';
import type { Config } from './config/config-file';

/** What commands touch outside themselves: swapped in tests. */
export interface Runtime {
  env: NodeJS.ProcessEnv;
  /** Read by `login --api-key -`, so that the key need not appear in the process list. */
  stdin: AsyncIterable<string | Buffer>;
  stdout: { write(text: string): unknown };
  /** Messages, errors and the progress display; never part of `--json` output. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Animate the progress display and colour the output (a terminal, NO_COLOR unset). */
  interactive: boolean;
  color: boolean;
  createClient(config: Config): ApiClient;
}

export function processRuntime(): Runtime {
  const env = process.env;
  const noColor = 'NO_COLOR' in env || env.TERM === 'dumb';
  return {
    env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stderr.isTTY) && !env.CI,
    color: !noColor && (Boolean(process.stdout.isTTY) || 'FORCE_COLOR' in env),
    createClient: createApiClient,
  };
}
