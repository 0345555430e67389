import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

/** A path argument the sandbox refuses; its message is meant for the model. */
export class PathError extends Error {
  override name = 'PathError';
}

export interface ResolvedPath {
  /** Absolute path inside the worktree (symlinks resolved). */
  absolute: string;
  /** Relative to the worktree root with `/` separators ("." for the root), for messages. */
  display: string;
}

const MAX_SYMLINK_HOPS = 40;

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

/**
 * The real location a path would touch: `realpath` of the target, or for a path that does not
 * exist yet, of its nearest existing parent with the missing tail appended. A dangling symlink is
 * followed by hand, since writing through it would create its target (possibly outside).
 */
async function realLocation(target: string, hops = 0): Promise<string> {
  if (hops > MAX_SYMLINK_HOPS) throw new PathError(`too many levels of symbolic links at ${target}`);
  try {
    return await realpath(target);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  const stat = await lstat(target).catch(() => null);
  if (stat?.isSymbolicLink()) {
    const link = await readlink(target);
    return realLocation(path.resolve(path.dirname(target), link), hops + 1);
  }
  const parent = path.dirname(target);
  if (parent === target) return target;
  return path.join(await realLocation(parent, hops), path.basename(target));
}

/** Resolves the path arguments of file tools inside one task's worktree and nowhere else (§6.1). */
export class WorktreePaths {
  /** `root` must already be a real path (no symlinks). */
  constructor(
    readonly root: string,
    private readonly givenRoot = root,
  ) {}

  async resolve(input: string, options: { write?: boolean } = {}): Promise<ResolvedPath> {
    if (input.trim() === '')
      throw new PathError('the path is empty; pass a path relative to the worktree root');
    const lexical = this.lexical(input);
    if (!isInside(this.root, lexical)) {
      throw new PathError(
        `"${input}" is outside the task's worktree; pass a path inside it, relative to the worktree root (e.g. "src/index.ts")`,
      );
    }
    const real = await realLocation(lexical);
    if (!isInside(this.root, real)) {
      throw new PathError(
        `"${input}" leads through a symbolic link to ${real}, outside the task's worktree; only files inside the worktree can be used`,
      );
    }
    const display = this.display(real);
    if (options.write && (isGitPath(this.display(lexical)) || isGitPath(display))) {
      throw new PathError(
        `"${input}" is inside .git/, which file tools may not change; use git commands through Bash instead`,
      );
    }
    return { absolute: real, display };
  }

  display(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/') || '.';
  }

  // An absolute path given through the worktree's non-real spelling (e.g. /tmp → /private/tmp) counts.
  private lexical(input: string): string {
    if (!path.isAbsolute(input)) return path.resolve(this.root, input);
    const absolute = path.resolve(input);
    if (this.givenRoot !== this.root && isInside(this.givenRoot, absolute)) {
      return path.join(this.root, path.relative(this.givenRoot, absolute));
    }
    return absolute;
  }
}

function isGitPath(display: string): boolean {
  const first = display.split('/')[0]?.toLowerCase();
  return first === '.git';
}
