import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { printResult } from '../output/print';
import { type CommandContext, JSON_FLAG, JSON_HELP } from './context';

interface ProjectRow {
  id: string;
  name: string;
  repoPath: string | null;
  gitUrl: string | null;
  defaultBranch: string;
  checkCommand: string | null;
  networkAllow: string[];
}

const describeCheck = (p: ProjectRow) => p.checkCommand ?? '(none: QA runs no tests)';
const describeNetwork = (p: ProjectRow) =>
  p.networkAllow.length ? p.networkAllow.join(', ') : '(none: commands have no network)';

/**
 * `projects list`, `projects set-check` and `projects set-network`: the team's projects, the command
 * QA runs in each, and the hosts its sandboxed commands may reach.
 */
export function registerProjects(projects: Command, ctx: CommandContext): void {
  projects
    .command('list')
    .description("the team's projects: repository, base branch, check command and network allow list")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const rows: ProjectRow[] = await session.call((c) => c.projects.list.query());
      printResult(ctx.rt, Boolean(opts.json), rows, () =>
        rows.length
          ? rows
              .map(
                (p) =>
                  `${p.name}  ${p.repoPath ?? p.gitUrl}  (${p.defaultBranch})  check: ${describeCheck(p)}  network: ${describeNetwork(p)}`,
              )
              .join('\n')
          : 'No projects yet: add one in the dashboard.',
      );
      ctx.finish(ExitCode.ok);
    });

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
      const session = await openSession(ctx.rt);
      const rows: ProjectRow[] = await session.call((c) => c.projects.list.query());
      const project = findNamed(rows, name, 'project', 'PROJECT');
      const updated: ProjectRow = await session.call((c) =>
        c.projects.update.mutate({ id: project.id, checkCommand: opts.none ? null : command!.trim() }),
      );
      printResult(
        ctx.rt,
        Boolean(opts.json),
        updated,
        () => `${updated.name}: check ${describeCheck(updated)}`,
      );
      ctx.finish(ExitCode.ok);
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
      const session = await openSession(ctx.rt);
      const rows: ProjectRow[] = await session.call((c) => c.projects.list.query());
      const project = findNamed(rows, name, 'project', 'PROJECT');
      const updated: ProjectRow = await session.call((c) =>
        c.projects.updateSettings.mutate({ id: project.id, networkAllow: opts.none ? [] : hosts }),
      );
      printResult(
        ctx.rt,
        Boolean(opts.json),
        updated,
        () => `${updated.name}: network ${describeNetwork(updated)}`,
      );
      ctx.finish(ExitCode.ok);
    });
}
