import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GitLayout } from '../worktree/git-layout';

/** Where the repository's object store is mounted read-only inside the sandbox. */
const SHARED_OBJECTS = '/run/switchyard/git-objects';

/**
 * Content bwrap reads from a pipe the caller writes: `--ro-bind-data FD` / `--file FD` take the
 * fd's number; `attach` returns it (the caller hands the pipes to the child in that order).
 */
export type AttachData = (content: Buffer | string) => number;

/**
 * Only the sections git needs to read the repository: `[core]` and `[extensions]`. Remotes (whose
 * URLs may carry a token), includes, credential helpers and aliases stay outside.
 */
export function sanitisedGitConfig(text: string): string {
  const kept: string[] = [];
  let keep = false;
  for (const line of text.split('\n')) {
    const header = line.match(/^\s*\[\s*([A-Za-z0-9.-]+)/);
    if (header) keep = ['core', 'extensions'].includes(header[1]!.toLowerCase());
    if (keep && !/^\s*(worktree|hookspath|fsmonitor|sshcommand)\s*=/i.test(line)) kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/**
 * The repository as git inside the sandbox sees it. For a linked worktree (what the worker makes):
 * refs, HEAD and the object store read-only, a sanitised config, no hooks, no other worktrees;
 * new objects go to a private folder (alternates point at the real store) and the index is a
 * private copy, so `git add`, `git status` and `git diff` work while nothing the agent does reaches
 * the repository itself. Refs cannot change: `git commit` inside fails, and the worker commits the
 * phase's work when it ends. For a plain repository in the worktree: its config and hooks read-only.
 */
export function gitMounts(layout: GitLayout | null, attach: AttachData): string[] {
  if (!layout) return [];
  if (layout.kind === 'repository') {
    const { gitDir } = layout;
    return [
      '--ro-bind-try',
      path.join(gitDir, 'config'),
      path.join(gitDir, 'config'),
      '--ro-bind-try',
      path.join(gitDir, 'hooks'),
      path.join(gitDir, 'hooks'),
    ];
  }
  const { gitDir, commonDir } = layout;
  const c = (name: string) => path.join(commonDir, name);
  const w = (name: string) => path.join(gitDir, name);
  const readOnly = (from: string) => (existsSync(from) ? ['--ro-bind', from, from] : []);
  const config = sanitisedGitConfig(readOr(c('config'), '[core]\n\trepositoryformatversion = 0\n'));
  // Read at each call: the index changes when the worker commits between calls.
  const index = readIndex(w('index'));
  return [
    '--tmpfs',
    commonDir,
    '--ro-bind-data',
    String(attach(config)),
    c('config'),
    ...readOnly(c('HEAD')),
    ...readOnly(c('refs')),
    ...readOnly(c('packed-refs')),
    ...readOnly(c('info')),
    ...readOnly(c('shallow')),
    '--ro-bind',
    c('objects'),
    SHARED_OBJECTS,
    '--dir',
    c('objects/info'),
    '--ro-bind-data',
    String(attach(`${SHARED_OBJECTS}\n`)),
    c('objects/info/alternates'),
    '--dir',
    gitDir,
    ...readOnly(w('HEAD')),
    ...readOnly(w('commondir')),
    ...readOnly(w('gitdir')),
    ...readOnly(w('config.worktree')),
    ...(index ? ['--file', String(attach(index)), w('index')] : []),
  ];
}

function readIndex(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}
