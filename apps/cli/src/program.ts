import { Command } from 'commander';
import type { ExitCode } from './cli-error';
import { registerApiKeys } from './commands/api-keys';
import type { CommandContext } from './commands/context';
import { registerCredentials } from './commands/credentials';
import { registerLogin } from './commands/login';
import { registerProfiles } from './commands/profiles';
import { registerProjects } from './commands/projects';
import { registerProvidersCheck } from './commands/providers-check';
import { registerProvidersList } from './commands/providers-list';
import { registerRoutingPreview } from './commands/routing-preview';
import { registerStats } from './commands/stats';
import { registerTasksArtifact } from './commands/tasks-artifact';
import { registerTasksCancel } from './commands/tasks-cancel';
import { registerTasksCreate } from './commands/tasks-create';
import { registerTasksEvents } from './commands/tasks-events';
import { registerTasksGet } from './commands/tasks-get';
import { registerTasksList } from './commands/tasks-list';
import { registerTasksRerun } from './commands/tasks-rerun';
import { registerTasksRetry } from './commands/tasks-retry';
import { registerTasksWatch } from './commands/tasks-watch';
import { registerTeams } from './commands/teams';
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
  const tasks = program
    .command('tasks')
    .description('create, list, inspect, follow, cancel, retry and rerun tasks');
  registerTasksCreate(tasks, ctx);
  registerTasksList(tasks, ctx);
  registerTasksGet(tasks, ctx);
  registerTasksWatch(tasks, ctx);
  registerTasksEvents(tasks, ctx);
  registerTasksArtifact(tasks, ctx);
  registerTasksCancel(tasks, ctx);
  registerTasksRetry(tasks, ctx);
  registerTasksRerun(tasks, ctx);
  registerRoutingPreview(program, ctx);
  const providers = program
    .command('providers')
    .description("the providers a phase can use, and the team's credentials for them");
  registerProvidersList(providers, ctx);
  registerProvidersCheck(providers, ctx);
  registerProjects(
    program.command('projects').description("the team's projects (repositories) and how tasks run in them"),
    ctx,
  );
  registerProfiles(
    program.command('profiles').description('agent profiles: which provider and model each phase uses'),
    ctx,
  );
  registerCredentials(program.command('credentials').description("the team's provider API keys"), ctx);
  registerTeams(
    program.command('teams').description('your team: members, invitations, roles, settings'),
    ctx,
  );
  registerApiKeys(program.command('api-keys').description('your API keys in the team'), ctx);
  registerStats(program.command('stats').description('usage over time and sandbox coverage'), ctx);
  return program;
}

declare const __SWITCHYARD_VERSION__: string | undefined;
const VERSION = typeof __SWITCHYARD_VERSION__ === 'string' ? __SWITCHYARD_VERSION__ : '0.1.0';
