import type { CliError, ExitCode } from '../cli-error';
import type { Runtime } from '../runtime';

/** The one result of a command: its JSON document on stdout with `--json`, else the human text. */
export function printResult(rt: Runtime, json: boolean, data: unknown, human: () => string): void {
  rt.stdout.write(json ? `${JSON.stringify(data, jsonSafe, 2)}\n` : `${human()}\n`);
}

/** BigInts (token counts some answers carry) as numbers when exact, else as strings: JSON has no bigint. */
const jsonSafe = (_key: string, value: unknown) =>
  typeof value === 'bigint'
    ? value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString()
    : value;

/** The JSON shape of every failure printed with `--json`. */
export interface JsonError {
  error: { message: string; exitCode: ExitCode; hint: string | null; details: string[] };
}

export function toJsonError(error: CliError): JsonError {
  return {
    error: { message: error.message, exitCode: error.exitCode, hint: error.hint, details: error.details },
  };
}

/**
 * A failure: what is wrong and how to fix it on stderr; with `--json` the same as a JSON document on
 * stdout too, so that a script always gets one document.
 */
export function printError(rt: Runtime, json: boolean, error: CliError): void {
  const lines = [`switchyard: ${error.message}`, ...error.details.map((line) => `  - ${line}`)];
  if (error.hint) lines.push(error.hint);
  rt.stderr.write(`${lines.join('\n')}\n`);
  if (json) rt.stdout.write(`${JSON.stringify(toJsonError(error), null, 2)}\n`);
}
