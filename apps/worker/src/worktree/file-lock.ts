import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Runs `fn` while holding a lock that every worker process on this machine respects (a lock
 * directory next to `lockPath`, see proper-lockfile). Git's worktree bookkeeping is shared by all
 * worktrees of a repository: a `git worktree prune` in one worker can delete the entry another
 * worker's `git worktree add` is still creating, and two clones into one folder collide.
 * A lock whose holder died (SIGKILL) is taken over once it is `stale` (not refreshed for 30 s).
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lockPath), { recursive: true });
  const release = await lockfile.lock(lockPath, {
    realpath: false,
    stale: 30_000,
    retries: { retries: 1_000, factor: 1.2, minTimeout: 20, maxTimeout: 250 },
    // The default throws from a timer, which would kill the worker; held for milliseconds, a lock
    // that is taken over (a stalled machine) at worst lets git report its own conflict.
    onCompromised: () => {},
  });
  try {
    return await fn();
  } finally {
    // A lock taken over as stale cannot be released; that must not replace fn's own outcome.
    await release().catch(() => {});
  }
}
