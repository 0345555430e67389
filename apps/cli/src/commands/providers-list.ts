import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { formatProvidersList } from '../output/format-providers';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerProvidersList(providers: Command, ctx: CommandContext): void {
  providers
    .command('list')
    .description(
      "every provider a phase can be routed to (built-in, operator-defined, your team's), with its models and your credentials",
    )
    .option('--models', 'list every known model of each provider, not just how many')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { models?: boolean; json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const listing = await session.call((c) => c.providers.list.query());
      printResult(ctx.rt, json, listing, () =>
        formatProvidersList(listing, { models: Boolean(opts.models) }, colorsOf(ctx, json)),
      );
      ctx.finish(ExitCode.ok);
    });
}
