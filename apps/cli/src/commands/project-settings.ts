import type { Command } from 'commander';
import type { ApiClient, ApiInputs } from '../api/client';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import {
  describeBashAllow,
  describeCheck,
  describeNetwork,
  describeQaCap,
  type Project,
} from '../output/format-projects';
import { printResult } from '../output/print';
import { type CommandContext, JSON_FLAG, JSON_HELP } from './context';

type Settings = Omit<ApiInputs['projects']['updateSettings'], 'id'>;

/**
 * `projects set-check|set-network|set-qa-cap|set-bash-allow PROJECT …`: one setting each, so that a
 * script changes exactly what it names. All but set-check widen what an agent may do: admins only.
 */
export function registerProjectSettings(projects: Command, ctx: CommandContext): void {
  /** Finds the project, applies the change and prints the project with `describe`'s line. */
  const apply = async (
    name: string,
    json: boolean,
    change: (client: ApiClient, id: string) => Promise<Project>,
    describe: (p: Project) => string,
  ) => {
    const session = await openSession(ctx.rt);
    const project = findNamed(await session.call((c) => c.projects.list.query()), name, 'project', 'PROJECT');
    const updated = await session.call((c) => change(c, project.id));
    printResult(ctx.rt, json, updated, () => `${updated.name}: ${describe(updated)}`);
    ctx.finish(ExitCode.ok);
  };
  const updateSettings = (settings: Settings) => (client: ApiClient, id: string) =>
    client.projects.updateSettings.mutate({ id, ...settings });

  projects
    .command('set-check')
    .description('set the command QA runs in the worktree before it approves (e.g. "npm test")')
    .argument('<PROJECT>', 'project name or id')
    .argument('[COMMAND]', 'the check command')
    .option('--none', 'no check command: QA then says that no tests ran')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, command: string | undefined, opts: { none?: boolean; json?: boolean }) => {
      if (Boolean(command?.trim()) === Boolean(opts.none))
        throw usageError(
          'Give either a check command or --none.',
          'e.g. switchyard projects set-check NAME "npm test"',
        );
      const checkCommand = opts.none ? null : command!.trim();
      await apply(
        name,
        Boolean(opts.json),
        (client, id) => client.projects.update.mutate({ id, checkCommand }),
        (p) => `check ${describeCheck(p)}`,
      );
    });

  projects
    .command('set-network')
    .description(
      "set the hosts the agent's commands may reach through the sandbox's proxy (admins; default: none)",
    )
    .argument('<PROJECT>', 'project name or id')
    .argument('[HOST...]', 'e.g. registry.npmjs.org *.pythonhosted.org example.com:8443')
    .option('--none', 'no network for commands (the default)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, hosts: string[], opts: { none?: boolean; json?: boolean }) => {
      if (hosts.length > 0 === Boolean(opts.none))
        throw usageError(
          'Give either the hosts to allow or --none.',
          'e.g. switchyard projects set-network NAME registry.npmjs.org',
        );
      await apply(
        name,
        Boolean(opts.json),
        updateSettings({ networkAllow: opts.none ? [] : hosts }),
        (p) => `network ${describeNetwork(p)}`,
      );
    });

  projects
    .command('set-qa-cap')
    .description(
      'set how many QA review rounds (review, fix, review…) a task gets before it needs a human (admins)',
    )
    .argument('<PROJECT>', 'project name or id')
    .argument('<N>', 'review rounds, 1-20')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, rounds: string, opts: { json?: boolean }) => {
      const maxQaIterations = /^\d+$/.test(rounds.trim()) ? Number(rounds) : Number.NaN;
      if (!(maxQaIterations >= 1 && maxQaIterations <= 20))
        throw usageError(
          `"${rounds}" is not a number of review rounds from 1 to 20.`,
          'e.g. switchyard projects set-qa-cap NAME 3',
        );
      await apply(name, Boolean(opts.json), updateSettings({ maxQaIterations }), describeQaCap);
    });

  projects
    .command('set-bash-allow')
    .description(
      "allow the agent's Bash only commands matching one of these regular expressions (admins); --none removes the list",
    )
    .argument('<PROJECT>', 'project name or id')
    .argument(
      '[PATTERN...]',
      `each matches a whole simple command, e.g. 'npm (test|run \\w+)' 'git (status|diff)'`,
    )
    .option('--none', 'no allow list: any command the policy allows (the default)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, patterns: string[], opts: { none?: boolean; json?: boolean }) => {
      if (patterns.length > 0 === Boolean(opts.none))
        throw usageError(
          'Give either the patterns to allow or --none.',
          `e.g. switchyard projects set-bash-allow NAME 'npm (test|run \\w+)' 'git (status|diff)'`,
        );
      await apply(
        name,
        Boolean(opts.json),
        updateSettings({ bashAllow: opts.none ? null : patterns }),
        (p) => `bash allow ${describeBashAllow(p)}`,
      );
    });
}
