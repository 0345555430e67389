import { runProbeCli } from './cli-main';

// Entry point of the `switchyard-probe` bin (bundled to dist/probe-cli.js).
const code = await runProbeCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
