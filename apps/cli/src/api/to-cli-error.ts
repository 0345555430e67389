import { TRPCClientError } from '@trpc/client';
import { CliError, ExitCode } from '../cli-error';
import { LOGIN_HINT } from '../config/config-file';

interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodError?: ZodTree | null;
  routingIssues?: { phase: string; severity: string; message: string }[] | null;
}
interface ZodTree {
  errors: string[];
  properties?: Record<string, ZodTree>;
  items?: (ZodTree | undefined)[];
}

/**
 * What a failed API call means for the user, with its exit code: a refused key is 3, refused input
 * 2, no server (or not a Switchyard API) 4, anything else 1.
 */
export function toCliError(error: unknown, serverUrl: string): CliError {
  if (error instanceof CliError) return error;
  if (!(error instanceof TRPCClientError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new CliError(message, ExitCode.failed, null, [], { cause: error });
  }
  const data = (error.data ?? null) as ErrorData | null;
  const code = data?.code;
  if (!code) return unreachable(error, serverUrl);
  switch (code) {
    case 'UNAUTHORIZED':
      return new CliError(
        `${serverUrl} refused the API key (${error.message})`,
        ExitCode.auth,
        `The key may be revoked or expired: create one in the dashboard (API keys). ${LOGIN_HINT}`,
        [],
        { cause: error },
      );
    case 'FORBIDDEN':
      return new CliError(error.message, ExitCode.auth, null, [], { cause: error });
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'PARSE_ERROR':
      return new CliError(error.message, ExitCode.usage, hintFor(error.message), inputIssues(data), {
        cause: error,
      });
    default:
      return new CliError(`The server failed: ${error.message}`, ExitCode.failed, null, [], { cause: error });
  }
}

function unreachable(error: TRPCClientError<never>, serverUrl: string): CliError {
  const cause = error.cause instanceof Error ? error.cause : null;
  const network =
    cause?.message === 'fetch failed' ||
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed/.test(
      `${error.message} ${String((cause as { cause?: unknown } | null)?.cause ?? '')}`,
    );
  const message = network
    ? `Cannot reach the Switchyard API at ${serverUrl}: ${describeNetworkCause(cause)}.`
    : `${serverUrl} did not answer as a Switchyard API (${error.message}).`;
  return new CliError(
    message,
    ExitCode.unreachable,
    'Check that the server is running and the URL is right (switchyard login --url URL --api-key KEY).',
    [],
    { cause: error },
  );
}

function describeNetworkCause(cause: Error | null): string {
  const inner = (cause as { cause?: { code?: string; message?: string } } | null)?.cause;
  return inner?.code ?? inner?.message ?? cause?.message ?? 'no answer';
}

/** How to fix the refusals whose server message says what is wrong but not which flag to change. */
function hintFor(message: string): string | null {
  if (message.startsWith('Unknown provider'))
    return 'Pass one of the known providers to --provider / --phase-provider PHASE=PROVIDER.';
  if (/^(Project|Agent profile) not found/.test(message))
    return 'Pass a --project / --profile of your team (by name or id).';
  if (/^Task not found/.test(message)) return 'See the ids of your team’s tasks with: switchyard tasks list.';
  return null;
}

/** The zod issues (`field: message`) and failed routing checks the server sent back. */
function inputIssues(data: ErrorData | null): string[] {
  const lines: string[] = [];
  if (data?.zodError) flattenTree(data.zodError, [], lines);
  for (const issue of data?.routingIssues ?? [])
    if (issue.severity === 'warning') lines.push(`warning (${issue.phase}): ${issue.message}`);
  return lines;
}

function flattenTree(tree: ZodTree, path: string[], out: string[]): void {
  for (const message of tree.errors) out.push(path.length ? `${path.join('.')}: ${message}` : message);
  for (const [key, child] of Object.entries(tree.properties ?? {})) flattenTree(child, [...path, key], out);
  tree.items?.forEach((child, index) => {
    if (child) flattenTree(child, [...path, String(index)], out);
  });
}
