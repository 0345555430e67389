import { PROTOCOLS } from '@switchyard/providers';
import type { Command } from 'commander';
import type { ApiInputs } from '../api/client';
import { openSession, type Session } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { readStdin } from '../flags/read-stdin';
import {
  formatProvidersCheck,
  type MaskedCredential,
  type ProvidersCheckReport,
} from '../output/format-checks';
import { formatCredential, formatCredentialList } from '../output/format-credentials';
import { describeRest } from '../output/format-pool';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

const KEY_EXAMPLE = 'printf %s "$ZAI_API_KEY" | switchyard credentials add --provider zai --label GLM';

/** A credential by label (case-insensitive) or id. */
async function findCredential(session: Session, input: string): Promise<MaskedCredential> {
  const all = await session.call((c) => c.credentials.list.query());
  const named = all.map((cred) => ({ ...cred, name: cred.label }));
  return findNamed(named, input, 'credential', 'CREDENTIAL');
}

/** The secret, from stdin only: never in argv, where the shell history and `ps` would show it. */
async function readKey(ctx: CommandContext): Promise<string> {
  if ((ctx.rt.stdin as { isTTY?: boolean }).isTTY)
    ctx.rt.stderr.write('Paste the API key, then press Enter and Ctrl-D:\n');
  const key = await readStdin(ctx.rt.stdin);
  if (!key) throw usageError('No API key on stdin.', `Pipe it in, e.g. ${KEY_EXAMPLE}`);
  return key;
}

const POSITION_HELP =
  "place in the provider's key pool, 0-1000 (default 0): the default key first, then lower positions";
const WEIGHT_HELP = 'share of the calls among keys of equal position, 1-100 (default 1)';

const protocolOption = `the wire protocol (${PROTOCOLS.join('|')}; default: the provider's)`;

/** `credentials list|add|edit|clear-rest|test|delete`: the team's provider API keys (admins change them). */
export function registerCredentials(credentials: Command, ctx: CommandContext): void {
  credentials
    .command('list')
    .description("the team's provider credentials, masked (…last4), with their last test result")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const list = await session.call((c) => c.credentials.list.query());
      printResult(ctx.rt, json, list, () => formatCredentialList(list, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  credentials
    .command('add')
    .description(`add a provider API key, read from stdin (admins), e.g. ${KEY_EXAMPLE}`)
    .requiredOption('--provider <PROVIDER>', 'anthropic, zai, openai, … or a custom provider')
    .option('--label <LABEL>', 'a name to tell it apart (default: chosen by the server)')
    .option('--protocol <PROTOCOL>', protocolOption)
    .option('--base-url <URL>', "the provider's API base URL (default: the provider's)")
    .option('--default', "make it the team's default credential for this provider")
    .option('--position <N>', POSITION_HELP)
    .option('--weight <N>', WEIGHT_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(
      async (opts: {
        provider: string;
        label?: string;
        protocol?: string;
        baseUrl?: string;
        default?: boolean;
        position?: string;
        weight?: string;
        json?: boolean;
      }) => {
        const json = Boolean(opts.json);
        const protocol = parseProtocol(opts.protocol);
        const pool = parsePool(opts);
        const secret = await readKey(ctx);
        const session = await openSession(ctx.rt);
        const created = await session.call((c) =>
          c.credentials.create.mutate({
            provider: opts.provider,
            label: opts.label ?? null,
            protocol: protocol ?? null,
            baseUrl: opts.baseUrl ?? null,
            secret,
            ...(opts.default ? { isDefault: true } : {}),
            ...pool,
          }),
        );
        printResult(ctx.rt, json, created, () => formatCredential(created, 'Added', colorsOf(ctx, json)));
        ctx.finish(ExitCode.ok);
      },
    );

  credentials
    .command('edit')
    .description(
      'change a credential’s label, protocol, base URL, default flag, pool position or weight, or key (admins); a new key, base URL or protocol ends a rest, other changes end only a rest until edited',
    )
    .argument('<CREDENTIAL>', 'credential label or id')
    .option('--label <LABEL>', 'a new label')
    .option('--protocol <PROTOCOL>', protocolOption)
    .option('--base-url <URL>', 'a new base URL')
    .option('--no-base-url', "use the provider's default URL")
    .option('--default', "make it the team's default for its provider")
    .option('--no-default', 'no longer the default')
    .option('--position <N>', POSITION_HELP)
    .option('--weight <N>', WEIGHT_HELP)
    .option('--key-from-stdin', 'replace the key with the one on stdin')
    .option(JSON_FLAG, JSON_HELP)
    .action(
      async (
        name: string,
        opts: {
          label?: string;
          protocol?: string;
          baseUrl?: string | false;
          default?: boolean;
          position?: string;
          weight?: string;
          keyFromStdin?: boolean;
          json?: boolean;
        },
      ) => {
        const json = Boolean(opts.json);
        const protocol = parseProtocol(opts.protocol);
        const pool = parsePool(opts);
        const changes: Omit<ApiInputs['credentials']['update'], 'id'> = {
          ...(opts.label !== undefined ? { label: opts.label } : {}),
          ...(protocol ? { protocol } : {}),
          ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl || null } : {}),
          ...(opts.default !== undefined ? { isDefault: opts.default } : {}),
          ...pool,
        };
        if (!opts.keyFromStdin && Object.keys(changes).length === 0)
          throw usageError(
            'Nothing to change.',
            'Give at least one of --label, --protocol, --base-url, --no-base-url, --default, --no-default, --position, --weight, --key-from-stdin.',
          );
        const secret = opts.keyFromStdin ? await readKey(ctx) : undefined;
        const session = await openSession(ctx.rt);
        const credential = await findCredential(session, name);
        const updated = await session.call((c) =>
          c.credentials.update.mutate({ id: credential.id, ...changes, ...(secret ? { secret } : {}) }),
        );
        printResult(ctx.rt, json, updated, () => formatCredential(updated, 'Updated', colorsOf(ctx, json)));
        ctx.finish(ExitCode.ok);
      },
    );

  credentials
    .command('test')
    .description('one small real call with the credential (admins); exit 1 when it fails')
    .argument('<CREDENTIAL>', 'credential label or id')
    .option('--model <MODEL>', "the model to call (default: the provider's cheapest)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { model?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const credential = await findCredential(session, name);
      const tested = await session.call((c) =>
        c.credentials.test.mutate({ id: credential.id, model: opts.model ?? null }),
      );
      const report: ProvidersCheckReport = {
        ok: tested.check.ok,
        results: [{ credential: tested.credential, check: tested.check, error: null }],
      };
      printResult(
        ctx.rt,
        json,
        tested,
        () => formatProvidersCheck(report, colorsOf(ctx, json)).split('\n')[0]!,
      );
      ctx.finish(tested.check.ok ? ExitCode.ok : ExitCode.failed);
    });

  credentials
    .command('clear-rest')
    .description(
      'end a credential’s rest after a provider limit (rate limit, quota, no balance): workers use it again at once (admins)',
    )
    .argument('<CREDENTIAL>', 'credential label or id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const credential = await findCredential(session, name);
      const cleared = await session.call((c) => c.credentials.clearRest.mutate({ id: credential.id }));
      printResult(ctx.rt, json, cleared, () => {
        const was = credential.rest ? ` It ${describeRest(credential.rest)}.` : ' It was not resting.';
        return `${formatCredential(cleared, 'Cleared the rest of', colorsOf(ctx, json))}${was}`;
      });
      ctx.finish(ExitCode.ok);
    });

  credentials
    .command('delete')
    .description('delete a credential (admins)')
    .argument('<CREDENTIAL>', 'credential label or id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name: string, opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const credential = await findCredential(session, name);
      const deleted = await session.call((c) => c.credentials.delete.mutate({ id: credential.id }));
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...deleted, label: credential.label },
        () => `Deleted ${credential.provider} credential "${credential.label}" (${credential.masked}).`,
      );
      ctx.finish(ExitCode.ok);
    });
}

/** `--position N` and `--weight N` as the API takes them; a non-number is exit 2 before any call. */
function parsePool(opts: { position?: string; weight?: string }): { position?: number; weight?: number } {
  const whole = (flag: string, value: string, min: number, max: number) => {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max))
      throw usageError(
        `${flag} "${value}" is not a whole number from ${min} to ${max}.`,
        `e.g. ${flag} ${min === 0 ? 1 : 2}`,
      );
    return n;
  };
  return {
    ...(opts.position !== undefined ? { position: whole('--position', opts.position, 0, 1000) } : {}),
    ...(opts.weight !== undefined ? { weight: whole('--weight', opts.weight, 1, 100) } : {}),
  };
}

function parseProtocol(value: string | undefined): (typeof PROTOCOLS)[number] | undefined {
  if (value === undefined) return undefined;
  const protocol = PROTOCOLS.find((p) => p === value.trim().toLowerCase());
  if (!protocol)
    throw usageError(`--protocol "${value}" is not a protocol.`, `Use one of: ${PROTOCOLS.join(', ')}.`);
  return protocol;
}
