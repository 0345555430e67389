import { runCli } from './run';
import { processRuntime } from './runtime';

// The `switchyard` command. Exits explicitly: an SSE reconnect timer must not keep it alive.
const code = await runCli(process.argv.slice(2), processRuntime());
process.exit(code);
