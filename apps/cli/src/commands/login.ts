import type { Command } from 'commander';
import { z } from 'zod';
import type { ApiOutputs } from '../api/client';
import { toCliError } from '../api/to-cli-error';
import { ExitCode, usageError } from '../cli-error';
import { apiKeySchema, type Config, serverUrlSchema, writeConfig } from '../config/config-file';
import { readStdin } from '../flags/read-stdin';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

const loginFlags = z.object({ url: serverUrlSchema, apiKey: apiKeySchema, verify: z.boolean() });

export function registerLogin(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('check an API key against a server and store both (mode 0600) for the other commands')
    .requiredOption('--url <URL>', 'the Switchyard server, e.g. http://localhost:3000')
    .requiredOption('--api-key <KEY>', 'an API key (sy_…) created in the dashboard; "-" reads it from stdin')
    .option('--no-verify', 'store without asking the server whether the key works')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { url: string; apiKey: string; verify: boolean; json?: boolean }) => {
      const json = Boolean(opts.json);
      const apiKey = opts.apiKey === '-' ? await readStdin(ctx.rt.stdin) : opts.apiKey;
      const parsed = loginFlags.safeParse({ ...opts, apiKey });
      if (!parsed.success)
        throw usageError(
          parsed.error.issues
            .map((i) => `--${i.path[0] === 'apiKey' ? 'api-key' : String(i.path[0])} ${i.message}`)
            .join('; '),
          'Example: switchyard login --url http://localhost:3000 --api-key sy_…',
        );
      const config: Config = { url: parsed.data.url, apiKey: parsed.data.apiKey };
      let current: ApiOutputs['teams']['current'] | null = null;
      if (parsed.data.verify) {
        try {
          current = await ctx.rt.createClient(config).teams.current.query();
        } catch (error) {
          throw toCliError(error, config.url);
        }
      }
      const configPath = await writeConfig(ctx.rt.env, config);
      const c = colorsOf(ctx, json);
      printResult(
        ctx.rt,
        json,
        {
          url: config.url,
          configPath,
          verified: current !== null,
          team: current ? { id: current.team.id, name: current.team.name, slug: current.team.slug } : null,
          role: current?.role ?? null,
        },
        () =>
          current
            ? `${c.green('Logged in')} to ${config.url} in team "${current.team.name}" as ${current.role}. Saved to ${configPath}.`
            : `Saved ${config.url} and the key to ${configPath} (not checked: --no-verify).`,
      );
      ctx.finish(ExitCode.ok);
    });
}
