import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { formatApiKeys } from '../output/format-usage';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

/** `api-keys create|list|revoke`: your keys in the team (the CLI's own login is one of them). */
export function registerApiKeys(apiKeys: Command, ctx: CommandContext): void {
  apiKeys
    .command('create')
    .description('create an API key for you in this team; the key is printed once (only its hash is kept)')
    .argument('<NAME>', 'what the key is for, e.g. "CI"')
    .option('--expires-in-days <N>', 'the key stops working after N days (1-3650; default: never)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { expiresInDays?: string; json?: boolean }) => {
      const days = opts.expiresInDays === undefined ? null : Number(opts.expiresInDays);
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650))
        throw usageError(
          `--expires-in-days "${opts.expiresInDays}" is not a whole number from 1 to 3650.`,
          'e.g. --expires-in-days 90',
        );
      const session = await openSession(ctx.rt);
      const created = await session.call((c) => c.apiKeys.create.mutate({ name, expiresInDays: days }));
      printResult(ctx.rt, Boolean(opts.json), created, () =>
        [
          created.key,
          `API key "${created.name}" (${created.id})${created.expiresAt ? `, expires ${created.expiresAt.toISOString().slice(0, 10)}` : ''}.`,
          'Store it now: it is not shown again. Use it with: switchyard login --url URL --api-key -',
        ].join('\n'),
      );
      ctx.finish(ExitCode.ok);
    });

  apiKeys
    .command('list')
    .description('your API keys in this team (their first characters only)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const keys = await session.call((c) => c.apiKeys.list.query());
      printResult(ctx.rt, json, keys, () => formatApiKeys(keys, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  apiKeys
    .command('revoke')
    .description('disable an API key at once (yours; admins: any of the team)')
    .argument('<KEY>', 'the key’s name or id (api-keys list)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (input: string, opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const keys = await session.call((c) => c.apiKeys.list.query());
      const key = findNamed(
        keys.map((k) => ({ ...k, name: k.name ?? '' })),
        input,
        'API key',
        'KEY',
      );
      const revoked = await session.call((c) => c.apiKeys.revoke.mutate({ id: key.id }));
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...revoked, name: key.name },
        () => `Revoked API key "${key.name}" (${key.id}): it no longer works.`,
      );
      ctx.finish(ExitCode.ok);
    });
}
