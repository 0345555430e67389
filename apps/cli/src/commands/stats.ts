import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { formatSandboxStatus, formatUsage } from '../output/format-usage';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

function parseDays(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const days = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(days >= 1 && days <= max))
    throw usageError(`--days "${value}" is not a whole number from 1 to ${max}.`, `e.g. --days ${fallback}`);
  return days;
}

/** `stats usage` (the dashboard's charts, as a table) and `stats sandbox` (its warning banner). */
export function registerStats(stats: Command, ctx: CommandContext): void {
  stats
    .command('usage')
    .description('tokens and cost per day, provider and phase, with totals by provider')
    .option('--days <N>', 'the last N days (1-366, default 30)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { days?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const days = parseDays(opts.days, 30, 366);
      const session = await openSession(ctx.rt);
      const usage = await session.call((c) => c.stats.usage.query({ days }));
      printResult(ctx.rt, json, { days, ...usage }, () => formatUsage(usage, days, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  stats
    .command('sandbox')
    .description("how many of the team's recent runs had agent commands outside the OS sandbox")
    .option('--days <N>', 'the last N days (1-90, default 7)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { days?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const days = parseDays(opts.days, 7, 90);
      const session = await openSession(ctx.rt);
      const status = await session.call((c) => c.stats.sandbox.query({ days }));
      printResult(ctx.rt, json, status, () => formatSandboxStatus(status, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });
}
