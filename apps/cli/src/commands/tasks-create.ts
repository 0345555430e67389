import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { parseRoutingFlags, type RawRoutingFlags } from '../flags/routing-flags';
import { addRoutingOptions } from '../flags/routing-options';
import { titleFrom } from '../flags/task-flags';
import { formatCreatedTask } from '../output/format-tasks';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

type Options = RawRoutingFlags & { project: string; profile: string; title?: string; json?: boolean };

export function registerTasksCreate(tasks: Command, ctx: CommandContext): void {
  const command = tasks
    .command('create')
    .description(
      'create a task and queue it (its routing is validated first: a task that cannot run is refused)',
    )
    .argument('<description>', 'what the task should do')
    .requiredOption('--project <NAME|ID>', 'the project (repository) to work in')
    .requiredOption('--profile <NAME|ID>', 'the agent profile, e.g. "Opus planning + GLM coding"')
    .option('--title <TITLE>', "the task's title (default: the description's first line)");
  addRoutingOptions(command)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (description: string, opts: Options) => {
      const json = Boolean(opts.json);
      // Everything the flags can get wrong is reported before any network call.
      const { routing, budgetUsd } = parseRoutingFlags(opts);
      if (!description.trim())
        throw usageError(
          'The description is empty.',
          'Say what the task should do: switchyard tasks create … "Add a README"',
        );
      const title = opts.title?.trim() || titleFrom(description);
      const session = await openSession(ctx.rt);
      const [projects, profiles] = await session.call((c) =>
        Promise.all([c.projects.list.query(), c.profiles.list.query()]),
      );
      const project = findNamed(projects, opts.project, 'project', '--project');
      const profile = findNamed(profiles, opts.profile, 'profile', '--profile');
      const created = await session.call((c) =>
        c.tasks.create.mutate({
          projectId: project.id,
          profileId: profile.id,
          title,
          description: description.trim(),
          routing,
          budgetUsd,
        }),
      );
      printResult(ctx.rt, json, created, () => formatCreatedTask(created, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });
}
