import { CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error';
import { printError, toJsonError } from './output/print';
import { createProgram } from './program';
import type { Runtime } from './runtime';

/** Runs one command line and returns its exit code (see EXIT_CODES_HELP); never throws. */
export async function runCli(argv: readonly string[], rt: Runtime): Promise<ExitCode> {
  const json = argv.includes('--json');
  let exitCode: ExitCode = ExitCode.ok;
  const program = createProgram(rt, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      // Commander has printed what is wrong and where the help is, on stderr.
      if (json)
        rt.stdout.write(
          `${JSON.stringify(toJsonError(new CliError(error.message.replace(/^error: /, ''), ExitCode.usage, 'Run the command with --help for usage.')), null, 2)}\n`,
        );
      return ExitCode.usage;
    }
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(error instanceof Error ? error.message : String(error), ExitCode.failed, null, [], {
            cause: error,
          });
    printError(rt, json, cliError);
    return cliError.exitCode;
  }
}
