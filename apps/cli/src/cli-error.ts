/**
 * Exit codes scripts can trust (documented in the README). Every failure is a CliError carrying one
 * of them, a message saying what is wrong and a hint saying how to fix it.
 */
export const ExitCode = {
  ok: 0,
  /** The operation ran and failed: the task ended blocked/failed/…, a credential check failed. */
  failed: 1,
  /** Bad usage or input: unknown flag, malformed PHASE=X, unknown provider/project/profile/task. */
  usage: 2,
  /** Not logged in, the API key was refused, or the key's role may not do this. */
  auth: 3,
  /** The server could not be reached, or did not answer as a Switchyard API. */
  unreachable: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** How to fix it, one sentence. */
    readonly hint: string | null = null,
    /** Extra lines (validation issues) shown under the message and kept in the JSON error. */
    readonly details: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint: string | null = null, details: string[] = []) =>
  new CliError(message, ExitCode.usage, hint, details);
