import type { Command } from 'commander';
import { openSession } from '../api/session';
import { CliError, ExitCode } from '../cli-error';
import { type CheckResult, formatProvidersCheck, type ProvidersCheckReport } from '../output/format-checks';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

export function registerProvidersCheck(providers: Command, ctx: CommandContext): void {
  providers
    .command('check')
    .description(
      "test each of the team's credentials with one small real call: reachable, authenticated, tool calling, usage (exit 1 if any fails)",
    )
    .option('--provider <PROVIDER>', "only this provider's credentials")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { provider?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const all = await session.call((c) => c.credentials.list.query());
      const wanted = opts.provider?.trim().toLowerCase();
      const credentials = wanted ? all.filter((cred) => cred.provider.toLowerCase() === wanted) : all;
      const results: CheckResult[] = [];
      // One at a time: each is a real call to a provider, and their latencies should not interfere.
      for (const credential of credentials) {
        try {
          // The answer's credential carries the result just recorded (lastCheckedAt, lastCheckResult).
          const tested = await session.call((c) => c.credentials.test.mutate({ id: credential.id }));
          results.push({ credential: tested.credential, check: tested.check, error: null });
        } catch (error) {
          // A refused key or a lost server ends the whole check; a credential that cannot be tested is a result.
          if (!(error instanceof CliError) || error.exitCode !== ExitCode.usage) throw error;
          results.push({ credential, check: null, error: error.message });
        }
      }
      const report: ProvidersCheckReport = { ok: results.every((r) => r.check?.ok), results };
      printResult(ctx.rt, json, report, () => formatProvidersCheck(report, colorsOf(ctx, json)));
      ctx.finish(report.ok ? ExitCode.ok : ExitCode.failed);
    });
}
