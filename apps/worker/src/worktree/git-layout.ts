import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a worktree's git data lives. A linked worktree (what the worker creates) keeps a `.git`
 * file pointing at `<common>/worktrees/<name>`; a plain repository keeps a `.git` folder.
 */
export type GitLayout =
  | { kind: 'linked'; gitDir: string; commonDir: string }
  | { kind: 'repository'; gitDir: string };

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function read(p: string): string | null {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
}

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}${path.sep}`);
}

/**
 * Reads the worktree's `.git` and accepts it only when it is what git itself wrote: the agent can
 * rewrite that file, so a gitdir is trusted only outside the worktree, under a `worktrees/` folder
 * of a real repository, with a back link to this very worktree (no other folder has one).
 * Null when none of that holds.
 */
export function readGitLayout(worktree: string): GitLayout | null {
  const root = realOrNull(worktree);
  if (!root) return null;
  const dotGit = path.join(root, '.git');
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(dotGit);
  } catch {
    return null;
  }
  if (info.isDirectory()) return { kind: 'repository', gitDir: dotGit };
  if (!info.isFile()) return null;
  const pointer = read(dotGit)?.match(/^gitdir: (.+)$/)?.[1];
  if (!pointer) return null;
  const gitDir = realOrNull(path.resolve(root, pointer));
  if (!gitDir || inside(gitDir, root) || path.basename(path.dirname(gitDir)) !== 'worktrees') return null;
  const backLink = read(path.join(gitDir, 'gitdir'));
  if (!backLink || realOrNull(path.resolve(gitDir, backLink)) !== dotGit) return null;
  const commonDir = realOrNull(path.resolve(gitDir, read(path.join(gitDir, 'commondir')) ?? '../..'));
  if (!commonDir || commonDir !== path.dirname(path.dirname(gitDir))) return null;
  if (!isDir(path.join(commonDir, 'objects')) || !isDir(path.join(commonDir, 'refs'))) return null;
  return { kind: 'linked', gitDir, commonDir };
}

/**
 * The gitdir of the linked worktree at `worktree`, found from the repository's side (its
 * `worktrees/*\/gitdir` back links), which the agent cannot write. Null when git has none.
 */
export function linkedGitDir(commonDir: string, worktree: string): string | null {
  const dotGit = path.join(realOrNull(worktree) ?? worktree, '.git');
  const list = path.join(commonDir, 'worktrees');
  let names: string[] = [];
  try {
    names = readdirSync(list);
  } catch {
    return null;
  }
  for (const name of names) {
    const backLink = read(path.join(list, name, 'gitdir'));
    if (backLink && path.resolve(list, name, backLink) === dotGit) return path.join(list, name);
  }
  return null;
}
