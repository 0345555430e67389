import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { readProfileFile } from '../flags/profile-file';
import { formatProfile, formatProfileList, type Profile } from '../output/format-profiles';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

const FILE_HELP =
  'a JSON file { name, description, phases: { spec|planning|coding|qa: { provider, model, thinking, credentialId?, fallbacks? } }, defaultProvider? }; - reads stdin; the output of profiles get --json works';

const KEY_WAIT_HELP =
  'when every key of a provider pool rests: wait for the earliest reset if it is at most this many seconds away, else fall back (0-86400; default 300)';
const KEY_RESERVE_HELP =
  'leave a key whose reported remaining requests or tokens fall below this share of its limit (0-50 %; default 5)';

interface KeyPolicyFlags {
  keyWaitMax?: string;
  keyReserve?: string;
}

/** `--key-wait-max` / `--key-reserve` as profile fields; a non-number is exit 2 before any call. */
function keyPolicyOf(opts: KeyPolicyFlags): { keyWaitMaxSeconds?: number; keyReservePercent?: number } {
  const whole = (flag: string, value: string, max: number, unit: string) => {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= max))
      throw usageError(
        `${flag} "${value}" is not a whole number from 0 to ${max}.`,
        `${flag} takes ${unit}.`,
      );
    return n;
  };
  return {
    ...(opts.keyWaitMax !== undefined
      ? { keyWaitMaxSeconds: whole('--key-wait-max', opts.keyWaitMax, 86400, 'seconds, e.g. 600') }
      : {}),
    ...(opts.keyReserve !== undefined
      ? { keyReservePercent: whole('--key-reserve', opts.keyReserve, 50, 'a percentage, e.g. 10') }
      : {}),
  };
}

/** A profile as `profiles.update` takes it back. */
function asInput(p: Profile) {
  return {
    name: p.name,
    description: p.description,
    phases: p.phases,
    defaultProvider: p.defaultProvider,
    keyWaitMaxSeconds: p.keyWaitMaxSeconds,
    keyReservePercent: p.keyReservePercent,
  };
}

/** Built-ins are read-only for every team: said here, before the server's refusal. */
function assertEditable(profile: { name: string; builtin: boolean }, verb: string): void {
  if (profile.builtin)
    throw usageError(
      `"${profile.name}" is a built-in profile: it cannot be ${verb}.`,
      `Copy it and change the copy: switchyard profiles duplicate "${profile.name}" --name "My ${profile.name}"`,
    );
}

/** `profiles list|get|create|update|duplicate|delete`: the agent profiles tasks are routed by. */
export function registerProfiles(profiles: Command, ctx: CommandContext): void {
  profiles
    .command('list')
    .description('the built-in profiles, then the team’s, with each phase’s provider/model')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const list: Profile[] = await session.call((c) => c.profiles.list.query());
      printResult(ctx.rt, json, list, () => formatProfileList(list, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  profiles
    .command('get')
    .description('one profile in full: per phase provider, model, thinking, credential and fallbacks')
    .argument('<PROFILE>', 'profile name or id')
    .option(JSON_FLAG, `${JSON_HELP}; a valid --file for profiles create/update`)
    .action(async (name: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const found = findNamed(await session.call((c) => c.profiles.list.query()), name, 'profile', 'PROFILE');
      const profile: Profile = await session.call((c) => c.profiles.get.query({ id: found.id }));
      printResult(ctx.rt, json, profile, () => formatProfile(profile, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  profiles
    .command('create')
    .description('add a team profile from a JSON file (admins)')
    .requiredOption('--file <FILE>', FILE_HELP)
    .option('--key-wait-max <SECONDS>', KEY_WAIT_HELP)
    .option('--key-reserve <PERCENT>', KEY_RESERVE_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { file: string; json?: boolean } & KeyPolicyFlags) => {
      const json = Boolean(opts.json);
      const keyPolicy = keyPolicyOf(opts);
      const input = { ...(await readProfileFile(opts.file, ctx.rt.stdin)), ...keyPolicy };
      const session = await openSession(ctx.rt);
      const created: Profile = await session.call((c) => c.profiles.create.mutate(input));
      printResult(ctx.rt, json, created, () => formatProfile(created, colorsOf(ctx, json), 'Created'));
      ctx.finish(ExitCode.ok);
    });

  profiles
    .command('update')
    .description(
      'replace a team profile with a JSON file, or change only its key policy (admins; built-ins are read-only: duplicate one)',
    )
    .argument('<PROFILE>', 'profile name or id')
    .option('--file <FILE>', `${FILE_HELP}; without it the profile is kept and only the flags change`)
    .option('--key-wait-max <SECONDS>', KEY_WAIT_HELP)
    .option('--key-reserve <PERCENT>', KEY_RESERVE_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { file?: string; json?: boolean } & KeyPolicyFlags) => {
      const json = Boolean(opts.json);
      const keyPolicy = keyPolicyOf(opts);
      if (opts.file === undefined && Object.keys(keyPolicy).length === 0)
        throw usageError(
          'Nothing to change.',
          'Give --file FILE (the whole profile), or --key-wait-max SECONDS / --key-reserve PERCENT.',
        );
      const fromFile = opts.file !== undefined ? await readProfileFile(opts.file, ctx.rt.stdin) : null;
      const session = await openSession(ctx.rt);
      const found = findNamed(await session.call((c) => c.profiles.list.query()), name, 'profile', 'PROFILE');
      assertEditable(found, 'changed');
      // Without a file: the profile as it is, only the key policy changed.
      const base = fromFile ?? asInput(await session.call((c) => c.profiles.get.query({ id: found.id })));
      const updated: Profile = await session.call((c) =>
        c.profiles.update.mutate({ id: found.id, profile: { ...base, ...keyPolicy } }),
      );
      printResult(ctx.rt, json, updated, () => formatProfile(updated, colorsOf(ctx, json), 'Updated'));
      ctx.finish(ExitCode.ok);
    });

  profiles
    .command('duplicate')
    .description('copy a profile (built-in or the team’s) into the team, to edit it')
    .argument('<PROFILE>', 'profile name or id')
    .option('--name <NAME>', 'the copy’s name (default: chosen by the server, "… (copy)")')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { name?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const found = findNamed(await session.call((c) => c.profiles.list.query()), name, 'profile', 'PROFILE');
      const copy: Profile = await session.call((c) =>
        c.profiles.duplicate.mutate({ id: found.id, name: opts.name ?? null }),
      );
      printResult(ctx.rt, json, copy, () => formatProfile(copy, colorsOf(ctx, json), 'Created'));
      ctx.finish(ExitCode.ok);
    });

  profiles
    .command('delete')
    .description('delete a team profile (admins; built-ins cannot be deleted)')
    .argument('<PROFILE>', 'profile name or id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const found = findNamed(await session.call((c) => c.profiles.list.query()), name, 'profile', 'PROFILE');
      assertEditable(found, 'deleted');
      const deleted = await session.call((c) => c.profiles.delete.mutate({ id: found.id }));
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...deleted, name: found.name },
        () => `Deleted profile "${found.name}" (${found.id}).`,
      );
      ctx.finish(ExitCode.ok);
    });
}
