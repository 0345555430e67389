// Runs the whole product in the foreground: see stack/launch-stack.ts. Started by `npm start`.
import { launchStack } from './stack/launch-stack';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.SWITCHYARD_HOST ?? '127.0.0.1';
const log = (line: string) => console.log(`[switchyard] ${line}`);

if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`PORT must be a TCP port number between 1 and 65535 (got "${process.env.PORT}").`);
  process.exit(2);
}

let stopping = false;
let lastSignalAt = 0;

async function main(): Promise<void> {
  const stack = await launchStack({ port, host, dev, env: process.env, log });
  log(`Switchyard is running at ${stack.url}  (Ctrl-C to stop)`);

  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})…`);
    await stack.stop();
    log('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // Ctrl-C reaches us twice (from the terminal and forwarded by npm start): one stop.
      const now = Date.now();
      if (stopping && now - lastSignalAt > 2_000) {
        log('second signal: exiting now');
        process.exit(130);
      }
      lastSignalAt = now;
      void shutdown(signal, 0);
    });
  }
  for (const service of stack.services) {
    void service.exited.then((code) => {
      if (!stopping) void shutdown(`${service.name} exited with code ${code}`, 1);
    });
  }
}

main().catch((error: unknown) => {
  console.error(`[switchyard] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
