import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { parseRoutingFlags, type RawRoutingFlags } from '../flags/routing-flags';
import { addRoutingOptions } from '../flags/routing-options';
import { formatRoutingPreview } from '../output/format-routing';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

type Options = RawRoutingFlags & { project?: string; profile?: string; json?: boolean };

export function registerRoutingPreview(program: Command, ctx: CommandContext): void {
  const routing = program
    .command('routing')
    .description('inspect how tasks are routed to providers and models');
  const command = routing
    .command('preview')
    .description(
      'what tasks create would decide, per phase: provider, model, credential source, why it won, validation messages (exit 1 when it would be refused)',
    )
    .option('--project <NAME|ID>', 'the project (optional)')
    .option(
      '--profile <NAME|ID>',
      'the agent profile (optional: without one, team and built-in defaults apply)',
    )
    .argument(
      '[description]',
      'ignored: accepted so that a tasks create command line can be previewed as is',
    );
  addRoutingOptions(command)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (_description: string | undefined, opts: Options) => {
      const json = Boolean(opts.json);
      const { routing: settings, budgetUsd } = parseRoutingFlags(opts);
      const session = await openSession(ctx.rt);
      const [projects, profiles] = await session.call((c) =>
        Promise.all([
          opts.project ? c.projects.list.query() : Promise.resolve([]),
          opts.profile ? c.profiles.list.query() : Promise.resolve([]),
        ]),
      );
      const project = opts.project ? findNamed(projects, opts.project, 'project', '--project') : null;
      const profile = opts.profile ? findNamed(profiles, opts.profile, 'profile', '--profile') : null;
      const preview = await session.call((c) =>
        c.routing.preview.query({
          projectId: project?.id ?? null,
          profileId: profile?.id ?? null,
          routing: settings,
          budgetUsd,
        }),
      );
      printResult(ctx.rt, json, preview, () => formatRoutingPreview(preview, colorsOf(ctx, json)));
      ctx.finish(preview.ok ? ExitCode.ok : ExitCode.failed);
    });
}
