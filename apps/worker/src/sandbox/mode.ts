/**
 * Whether agent commands run in the bubblewrap sandbox. On unless the operator says otherwise:
 * `SWITCHYARD_SANDBOX=off` is the only way to run them unsandboxed, and it is recorded on every run.
 */
export type SandboxMode = 'on' | 'off';

export const SANDBOX_ENV = 'SWITCHYARD_SANDBOX';

export class SandboxConfigError extends Error {}

export function sandboxModeFrom(env: Record<string, string | undefined>): SandboxMode {
  const raw = env[SANDBOX_ENV]?.trim().toLowerCase();
  if (!raw || raw === 'on' || raw === 'bubblewrap') return 'on';
  if (raw === 'off') return 'off';
  throw new SandboxConfigError(
    `${SANDBOX_ENV} must be "on" (the default: agent commands run in bubblewrap) or "off" (unsandboxed, not recommended); got ${JSON.stringify(env[SANDBOX_ENV])}`,
  );
}

/** What a run records when its commands are not sandboxed. */
export const UNSANDBOXED_WARNING = `agent commands run WITHOUT a sandbox on this worker (${SANDBOX_ENV}=off): Bash, the check command and ripgrep see the worker's files, its network and its processes`;
