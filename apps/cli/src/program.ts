import { Command } from 'commander';
import type { ExitCode } from './cli-error';
import type { CommandContext } from './commands/context';
import { registerLogin } from './commands/login';
import { registerProjects } from './commands/projects';
import { registerProvidersCheck } from './commands/providers-check';
import { registerProvidersList } from './commands/providers-list';
import { registerRoutingPreview } from './commands/routing-preview';
import { registerTasksCancel } from './commands/tasks-cancel';
import { registerTasksCreate } from './commands/tasks-create';
import { registerTasksList } from './commands/tasks-list';
import { registerTasksWatch } from './commands/tasks-watch';
import type { Runtime } from './runtime';

export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  the operation failed (a watched task ended failed, blocked, needs_human or cancelled;
     a credential check failed; a routing preview would be refused; a server error)
  2  bad usage or input (unknown flag, malformed PHASE=X, unknown provider, project, profile or task)
  3  not logged in, the API key was refused, or its role may not do this
  4  the server could not be reached

Login: switchyard login --url URL --api-key KEY, or SWITCHYARD_URL + SWITCHYARD_API_KEY.`;

/** The `switchyard` command tree; `finish` receives the exit code of the action that ran. */
export function createProgram(rt: Runtime, finish: (code: ExitCode) => void): Command {
  const ctx: CommandContext = { rt, finish };
  const program = new Command('switchyard')
    .description('Run and follow Switchyard tasks from a terminal or a script (a client of the tRPC API).')
    .version(VERSION, '-V, --version')
    // Settings below are inherited by every subcommand created after them.
    .exitOverride()
    .showHelpAfterError('(run the command with --help for usage)')
    .configureOutput({
      writeOut: (text) => rt.stdout.write(text),
      writeErr: (text) => rt.stderr.write(text),
    })
    .addHelpText('after', EXIT_CODES_HELP);
  registerLogin(program, ctx);
  const tasks = program.command('tasks').description('create, list, follow and cancel tasks');
  registerTasksCreate(tasks, ctx);
  registerTasksList(tasks, ctx);
  registerTasksWatch(tasks, ctx);
  registerTasksCancel(tasks, ctx);
  registerRoutingPreview(program, ctx);
  const providers = program
    .command('providers')
    .description("the providers a phase can use, and the team's credentials for them");
  registerProvidersList(providers, ctx);
  registerProvidersCheck(providers, ctx);
  registerProjects(
    program.command('projects').description("the team's projects and their check commands"),
    ctx,
  );
  return program;
}

declare const __SWITCHYARD_VERSION__: string | undefined;
const VERSION = typeof __SWITCHYARD_VERSION__ === 'string' ? __SWITCHYARD_VERSION__ : '0.1.0';
