import type { Command } from 'commander';
import type { ApiInputs } from '../api/client';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { formatProject, formatProjectList, type Project } from '../output/format-projects';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';
import { registerProjectSettings } from './project-settings';

/** commander's value of `--x <V>` beside `--no-x`: a value, false (cleared) or undefined (not given). */
type Clearable = string | false | undefined;
interface ProjectFlags {
  repoPath?: Clearable;
  gitUrl?: Clearable;
  branch?: string;
  check?: Clearable;
  json?: boolean;
}

const cleared = (value: Clearable) => (value === false ? null : value);

/**
 * `projects list|create|update|delete`, plus the settings commands (project-settings.ts): the team's
 * repositories and how tasks run in them.
 */
export function registerProjects(projects: Command, ctx: CommandContext): void {
  projects
    .command('list')
    .description(
      "the team's projects: repository, base branch, check command, network and Bash allow lists, QA cap",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const rows = await session.call((c) => c.projects.list.query());
      printResult(ctx.rt, Boolean(opts.json), rows, () => formatProjectList(rows));
      ctx.finish(ExitCode.ok);
    });

  projects
    .command('create')
    .description('add a project: a repository on the worker host (--repo-path) or a git URL (--git-url)')
    .argument('<NAME>', "the project's name, unique in the team")
    .option(
      '--repo-path <PATH>',
      'absolute path of a git repository under the project roots of the worker host (SWITCHYARD_PROJECT_ROOTS)',
    )
    .option('--git-url <URL>', 'an https://, ssh://, git@ or file:// URL the worker clones')
    .option('--branch <BRANCH>', 'the base branch tasks start from (default: main)')
    .option('--check <COMMAND>', 'the command QA runs (default: detected from the repository)')
    .option('--no-check', 'no check command: QA then says that no tests ran')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: ProjectFlags) => {
      const json = Boolean(opts.json);
      if (!opts.repoPath === !opts.gitUrl)
        throw usageError(
          'Give the repository: either --repo-path PATH or --git-url URL.',
          'e.g. switchyard projects create Shop --repo-path /srv/repos/shop',
        );
      const input: ApiInputs['projects']['create'] = {
        name,
        repoPath: opts.repoPath || null,
        gitUrl: opts.gitUrl || null,
        ...(opts.branch ? { defaultBranch: opts.branch } : {}),
        ...(opts.check !== undefined ? { checkCommand: cleared(opts.check) } : {}),
      };
      const session = await openSession(ctx.rt);
      const created: Project = await session.call((c) => c.projects.create.mutate(input));
      printResult(ctx.rt, json, created, () => formatProject(created, 'Created', colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  projects
    .command('update')
    .description("change a project's name, repository, base branch or check command")
    .argument('<PROJECT>', 'project name or id')
    .option('--name <NAME>', 'a new name')
    .option('--repo-path <PATH>', 'a new repository path on the worker host')
    .option('--no-repo-path', 'clear the path (the project then needs a git URL)')
    .option('--git-url <URL>', 'a new git URL')
    .option('--no-git-url', 'clear the git URL (the project then needs a path)')
    .option('--branch <BRANCH>', 'a new base branch')
    .option('--check <COMMAND>', 'a new check command')
    .option('--no-check', 'no check command')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: ProjectFlags & { name?: string }) => {
      const json = Boolean(opts.json);
      const changes: Omit<ApiInputs['projects']['update'], 'id'> = {
        ...(opts.name !== undefined ? { name: opts.name } : {}),
        ...(opts.repoPath !== undefined ? { repoPath: cleared(opts.repoPath) } : {}),
        ...(opts.gitUrl !== undefined ? { gitUrl: cleared(opts.gitUrl) } : {}),
        ...(opts.branch !== undefined ? { defaultBranch: opts.branch } : {}),
        ...(opts.check !== undefined ? { checkCommand: cleared(opts.check) } : {}),
      };
      if (Object.keys(changes).length === 0)
        throw usageError(
          'Nothing to change.',
          'Give at least one of --name, --repo-path, --git-url, --branch, --check (see --help).',
        );
      const session = await openSession(ctx.rt);
      const project = findNamed(
        await session.call((c) => c.projects.list.query()),
        name,
        'project',
        'PROJECT',
      );
      const updated: Project = await session.call((c) =>
        c.projects.update.mutate({ id: project.id, ...changes }),
      );
      printResult(ctx.rt, json, updated, () => formatProject(updated, 'Updated', colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  projects
    .command('delete')
    .description('delete a project with its tasks, runs and artifacts (worktrees stay on disk); needs --yes')
    .argument('<PROJECT>', 'project name or id')
    .option('--yes', 'confirm: the project’s tasks are deleted too')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { yes?: boolean; json?: boolean }) => {
      if (!opts.yes)
        throw usageError(
          `Deleting project "${name}" deletes its tasks, runs and artifacts too.`,
          `Run it again with --yes: switchyard projects delete "${name}" --yes`,
        );
      const session = await openSession(ctx.rt);
      const project = findNamed(
        await session.call((c) => c.projects.list.query()),
        name,
        'project',
        'PROJECT',
      );
      const deleted = await session.call((c) => c.projects.delete.mutate({ id: project.id }));
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...deleted, name: project.name },
        () => `Deleted project "${project.name}" (${project.id}) and its tasks.`,
      );
      ctx.finish(ExitCode.ok);
    });

  registerProjectSettings(projects, ctx);
}
