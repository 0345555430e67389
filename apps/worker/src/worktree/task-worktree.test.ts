import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitWorktree, ensureTaskWorktree } from './task-worktree';

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-worktree-test-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(join(dir, 'README.md'), '# project\n');
  git('add', '.');
  git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'initial');
  return dir;
}

describe('task worktrees', () => {
  it("run none of the repository's own hooks as the worker, when created or committed", async () => {
    const repoPath = repository();
    const marker = join(mkdtempSync(join(tmpdir(), 'switchyard-hook-')), 'ran');
    for (const hook of ['post-checkout', 'pre-commit', 'post-commit', 'reference-transaction']) {
      writeFileSync(join(repoPath, '.git', 'hooks', hook), `#!/bin/sh\necho ${hook} >> ${marker}\n`, {
        mode: 0o755,
      });
    }
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p0', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };

    const worktree = await ensureTaskWorktree(project, 'task-hooks', dirs);
    writeFileSync(join(worktree.path, 'change.txt'), 'x\n');
    await commitWorktree(worktree, 'a change');

    expect(existsSync(marker)).toBe(false);
    expect(
      execFileSync('git', ['log', '--oneline', 'switchyard/task-hooks'], { cwd: repoPath, encoding: 'utf8' }),
    ).toMatch(/a change/);
  });

  it('creates many at once in one repository, each on its own branch (no add/prune race)', async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p1', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const taskIds = Array.from({ length: 12 }, (_, i) => `task-${i}`);

    const worktrees = await Promise.all(taskIds.map((id) => ensureTaskWorktree(project, id, dirs)));

    for (const worktree of worktrees) expect(existsSync(join(worktree.path, 'README.md'))).toBe(true);
    const branches = execFileSync('git', ['branch', '--list', 'switchyard/*'], {
      cwd: repoPath,
      encoding: 'utf8',
    });
    expect(branches.split('\n').filter(Boolean)).toHaveLength(12);
    // A second call for a task finds its worktree as it was.
    expect(await ensureTaskWorktree(project, 'task-3', dirs)).toEqual(worktrees[3]);
  });

  it("never follows a .git the agent rewrote: the worker's commit runs no hook of the agent's and lands on the task branch", async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p2', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const worktree = await ensureTaskWorktree(project, 'task-x', dirs);
    // The agent builds its own repository in the worktree, with hooks, and points .git at it.
    const fake = join(worktree.path, 'fake-git');
    execFileSync('git', ['init', '--quiet', '--bare', fake]);
    const pwned = join(scratch, 'pwned');
    writeFileSync(join(fake, 'hooks', 'pre-commit'), `#!/bin/sh\ntouch ${pwned}\n`, { mode: 0o755 });
    execFileSync('git', ['config', '--file', join(fake, 'config'), 'core.bare', 'false']);
    execFileSync('git', [
      'config',
      '--file',
      join(fake, 'config'),
      'core.fsmonitor',
      `touch ${pwned}; false`,
    ]);
    writeFileSync(join(worktree.path, '.git'), `gitdir: ${fake}\n`);
    writeFileSync(join(worktree.path, 'change.txt'), 'work\n');

    const commit = await commitWorktree(worktree, 'coding: change');
    expect(existsSync(pwned)).toBe(false);
    const onBranch = execFileSync('git', ['rev-parse', 'switchyard/task-x'], {
      cwd: repoPath,
      encoding: 'utf8',
    });
    expect(onBranch.trim()).toBe(commit);

    // The next phase finds its worktree with the .git that git wrote, even after the agent removed it.
    mkdirSync(join(worktree.path, '.git-gone'));
    execFileSync('rm', ['-rf', join(worktree.path, '.git')]);
    const again = await ensureTaskWorktree(project, 'task-x', dirs);
    expect(again.gitDir).toBe(worktree.gitDir);
    expect(readFileSync(join(worktree.path, '.git'), 'utf8')).toBe(`gitdir: ${worktree.gitDir}\n`);
    expect(existsSync(join(worktree.path, 'change.txt'))).toBe(true);
  });
});
