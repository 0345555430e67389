import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, git, gitBytes } from '../worktree/git';

/**
 * The most one phase may add to a task branch. A bundle is a row in PostgreSQL, read by every worker
 * that resumes the task: a phase that commits hundreds of megabytes has almost always committed
 * build output or dependencies by mistake.
 */
export const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;

/** The commits of `ref` that `from` lacks, as a git bundle (its prerequisite is `from`). */
export async function createBundle(repo: string, from: string, ref: string): Promise<Buffer> {
  const data = await gitBytes(repo, ['bundle', 'create', '--quiet', '-', `${from}..${ref}`], {
    maxBuffer: MAX_BUNDLE_BYTES + 1024 * 1024,
  }).catch((error: unknown) => {
    if (
      (error as { code?: string }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ||
      /maxBuffer/.test(String(error))
    )
      throw tooLarge(ref);
    throw error;
  });
  if (data.length > MAX_BUNDLE_BYTES) throw tooLarge(ref);
  return data;
}

function tooLarge(ref: string): GitError {
  return new GitError(
    `This phase's commits on ${ref.replace('refs/heads/', '')} are over ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB, more than the branch store keeps for one phase. Keep build output and dependencies out of git (.gitignore), then retry the task.`,
  );
}

/** Adds a bundle's objects to `repo` (its prerequisite must be there already); refs are untouched. */
export async function unbundle(repo: string, data: Uint8Array): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bundle-'));
  try {
    const file = join(dir, 'phase.bundle');
    await writeFile(file, data);
    await git(repo, ['bundle', 'unbundle', file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
