import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { SANDBOX_ENV } from './mode';

export const BUBBLEWRAP_INSTALL_HINT = `install the Debian/Ubuntu package "bubblewrap" (sudo apt-get install -y bubblewrap; Fedora: sudo dnf install bubblewrap), or, to run agent commands unsandboxed at your own risk, set ${SANDBOX_ENV}=off`;

/** Thrown where an agent command would run and no working bubblewrap is there to hold it. */
export class SandboxUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `The worker refuses to run agent commands without a sandbox: ${reason}. To fix it, ${BUBBLEWRAP_INSTALL_HINT}.`,
    );
    this.name = 'SandboxUnavailableError';
  }
}

export type BubblewrapStatus = { ok: true; path: string; version: string } | { ok: false; reason: string };

function onPath(name: string, pathVariable: string | undefined): string | null {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Finds `bwrap` and checks that it can create the namespaces the sandbox needs on this kernel
 * (user, PID, network, IPC, UTS): an installed bwrap that the kernel refuses is as good as none.
 */
export function probeBubblewrap(
  pathVariable = `${process.env.PATH ?? ''}${path.delimiter}${SYSTEM_PATH}`,
): BubblewrapStatus {
  const bwrap = onPath('bwrap', pathVariable);
  if (!bwrap) return { ok: false, reason: 'bubblewrap (bwrap) is not installed on this machine' };
  const version = spawnSync(bwrap, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const probe = spawnSync(
    bwrap,
    [
      '--unshare-user',
      '--unshare-pid',
      '--unshare-net',
      '--unshare-ipc',
      '--unshare-uts',
      '--ro-bind',
      '/',
      '/',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--die-with-parent',
      '--new-session',
      'true',
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim();
    return {
      ok: false,
      reason: `${bwrap} cannot create its namespaces here (${why}); unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone=1)`,
    };
  }
  return { ok: true, path: bwrap, version: version.replace(/^bubblewrap\s*/, '') };
}

let cached: BubblewrapStatus | undefined;
/** probeBubblewrap, once per process. */
export function bubblewrapStatus(): BubblewrapStatus {
  cached ??= probeBubblewrap();
  return cached;
}
