import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A worker host in miniature (tests only): an install folder with its `.env` and `.data/` (the
 * embedded database's folder, another task's worktree), a project repository with a hook and a
 * remote URL holding a token, and this task's worktree created by `git worktree add` as the worker
 * does. Every secret is a unique marker, so a test can tell whether any of it got out.
 */
export interface TestHost {
  root: string;
  install: string;
  repo: string;
  worktree: string;
  otherWorktree: string;
  markers: {
    envFile: string;
    database: string;
    otherTask: string;
    remoteToken: string;
  };
  git: (cwd: string, ...args: string[]) => string;
  cleanup: () => void;
}

export function makeTestHost(files: Record<string, string> = {}): TestHost {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'switchyard-host-')));
  const unique = () => `marker-${Math.random().toString(36).slice(2)}-${process.pid}`;
  const markers = { envFile: unique(), database: unique(), otherTask: unique(), remoteToken: unique() };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
    });

  const install = path.join(root, 'switchyard');
  mkdirSync(path.join(install, '.data', 'pg'), { recursive: true });
  writeFileSync(path.join(install, '.env'), `SWITCHYARD_SECRET_KEY=${markers.envFile}\n`);
  writeFileSync(path.join(install, '.data', 'pg', 'PG_VERSION'), `${markers.database}\n`);

  const repo = path.join(root, 'project');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries({ 'README.md': '# project\n', ...files })) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), content);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
  git(repo, 'remote', 'add', 'origin', `https://x-access-token:${markers.remoteToken}@git.example.com/p.git`);

  const worktrees = path.join(install, '.data', 'worktrees');
  const worktree = path.join(worktrees, 'task-1');
  const otherWorktree = path.join(worktrees, 'task-2');
  git(repo, 'worktree', 'add', '-q', '-b', 'switchyard/task-1', worktree, 'main');
  git(repo, 'worktree', 'add', '-q', '-b', 'switchyard/task-2', otherWorktree, 'main');
  writeFileSync(path.join(otherWorktree, 'notes.txt'), `${markers.otherTask}\n`);

  return {
    root,
    install,
    repo,
    worktree,
    otherWorktree,
    markers,
    git,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
