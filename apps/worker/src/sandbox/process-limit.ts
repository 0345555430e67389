import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * At most this many processes and threads in one sandboxed command (a test runner with workers
 * uses a few dozen; a fork bomb stops here instead of taking the machine).
 */
export const SANDBOX_MAX_PROCESSES = 1024;

export interface ProcessLimit {
  /** How the limit is enforced, for the worker's start-up log and the run's events. */
  describe: string;
  /** A fresh group for one command; `enter` is the shell line that moves the launcher into it. */
  open(): { enter: string | null; close: () => void };
}

const CGROUP_V1_PIDS = '/sys/fs/cgroup/pids';
const CGROUP_V2 = '/sys/fs/cgroup';

function tryCgroupRoot(root: string): string | null {
  const parent = path.join(root, 'switchyard-sandbox');
  try {
    mkdirSync(parent, { recursive: true });
    const probe = path.join(parent, `probe-${process.pid}`);
    mkdirSync(probe, { recursive: true });
    // A real cgroup folder is filled by the kernel; a plain folder (a tmpfs) is not one.
    if (!existsSync(path.join(probe, 'cgroup.procs')) || !existsSync(path.join(probe, 'pids.max'))) {
      rmdirSync(probe);
      return null;
    }
    writeFileSync(path.join(probe, 'pids.max'), '1');
    rmdirSync(probe);
    return parent;
  } catch {
    return null;
  }
}

let counter = 0;

/**
 * A pids cgroup per command when the worker may create one (cgroup v1 `pids`, or a v2 tree with
 * the pids controller): the count covers every process of the sandbox, whatever uid it maps to.
 * Otherwise RLIMIT_NPROC through `ulimit -u`, which the kernel does not enforce for root: a worker
 * running as root without a writable cgroup has no process cap, and says so when it starts.
 */
export function detectProcessLimit(): ProcessLimit {
  const parent = tryCgroupRoot(CGROUP_V1_PIDS) ?? tryCgroupRoot(CGROUP_V2);
  if (parent) {
    return {
      describe: `a pids cgroup under ${parent} (at most ${SANDBOX_MAX_PROCESSES} processes per command)`,
      open() {
        const group = path.join(parent, `run-${process.pid}-${++counter}`);
        try {
          mkdirSync(group);
          writeFileSync(path.join(group, 'pids.max'), String(SANDBOX_MAX_PROCESSES));
        } catch {
          return { enter: null, close: () => {} };
        }
        return {
          enter: `echo $$ > '${group}/cgroup.procs' || { echo 'switchyard sandbox: cannot join the process-count group' >&2; exit 125; }`,
          // The kernel refuses to remove a group that still has processes: retry briefly.
          close: () => removeWhenEmpty(group),
        };
      },
    };
  }
  const root = process.getuid?.() === 0;
  return {
    describe: root
      ? 'none: RLIMIT_NPROC does not bind root and no pids cgroup is writable (run the worker as an unprivileged user, or give it a cgroup)'
      : `RLIMIT_NPROC (ulimit -u ${SANDBOX_MAX_PROCESSES}, counted over the worker's user)`,
    open: () => ({ enter: `ulimit -u ${SANDBOX_MAX_PROCESSES} 2>/dev/null`, close: () => {} }),
  };
}

function removeWhenEmpty(group: string, attempts = 20): void {
  try {
    rmdirSync(group);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || attempts <= 0) return;
    setTimeout(() => removeWhenEmpty(group, attempts - 1), 100).unref();
  }
}

let cached: ProcessLimit | undefined;
export function processLimit(): ProcessLimit {
  cached ??= detectProcessLimit();
  return cached;
}
