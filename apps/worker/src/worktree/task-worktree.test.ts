import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureProjectClone, type ProjectRepository } from './project-clone';
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

/** A task's worktree in the worker's clone of the project, started at the base branch. */
async function worktreeOf(
  project: ProjectRepository,
  taskId: string,
  dirs: { worktreesDir: string; reposDir: string },
) {
  const clone = await ensureProjectClone(project, dirs.reposDir);
  const base = execFileSync('git', ['rev-parse', 'origin/main'], { cwd: clone, encoding: 'utf8' }).trim();
  const start = { baseBranch: 'main', baseCommit: base, head: base };
  return { clone, worktree: await ensureTaskWorktree(clone, taskId, dirs.worktreesDir, start), start };
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

    const { clone, worktree } = await worktreeOf(project, 'task-hooks', dirs);
    writeFileSync(join(worktree.path, 'change.txt'), 'x\n');
    await commitWorktree(worktree, 'a change');

    expect(existsSync(marker)).toBe(false);
    expect(
      execFileSync('git', ['log', '--oneline', 'switchyard/task-hooks'], { cwd: clone, encoding: 'utf8' }),
    ).toMatch(/a change/);
  });

  it("never write to the project's own repository: the branch is built in the worker's clone", async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p9', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const refsBefore = execFileSync('git', ['for-each-ref'], { cwd: repoPath, encoding: 'utf8' });

    const { worktree } = await worktreeOf(project, 'task-own', dirs);
    writeFileSync(join(worktree.path, 'change.txt'), 'x\n');
    await commitWorktree(worktree, 'a change');

    expect(execFileSync('git', ['for-each-ref'], { cwd: repoPath, encoding: 'utf8' })).toBe(refsBefore);
    expect(
      execFileSync('git', ['worktree', 'list'], { cwd: repoPath, encoding: 'utf8' }).trim().split('\n'),
    ).toHaveLength(1);
  });

  it('creates many at once in one repository, each on its own branch (no add/prune race)', async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p1', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const taskIds = Array.from({ length: 12 }, (_, i) => `task-${i}`);

    const made = await Promise.all(taskIds.map((id) => worktreeOf(project, id, dirs)));
    const worktrees = made.map((m) => m.worktree);

    for (const worktree of worktrees) expect(existsSync(join(worktree.path, 'README.md'))).toBe(true);
    const branches = execFileSync('git', ['branch', '--list', 'switchyard/*'], {
      cwd: made[0]!.clone,
      encoding: 'utf8',
    });
    expect(branches.split('\n').filter(Boolean)).toHaveLength(12);
    // A second call for a task finds its worktree again.
    expect((await worktreeOf(project, 'task-3', dirs)).worktree).toEqual(worktrees[3]);
  });

  it("never follows a .git the agent rewrote: the worker's commit runs no hook of the agent's and lands on the task branch", async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p2', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const { clone, worktree, start } = await worktreeOf(project, 'task-x', dirs);
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
      cwd: clone,
      encoding: 'utf8',
    });
    expect(onBranch.trim()).toBe(commit);

    // The next phase finds its worktree with the .git that git wrote, even after the agent removed it.
    mkdirSync(join(worktree.path, '.git-gone'));
    execFileSync('rm', ['-rf', join(worktree.path, '.git')]);
    const again = await ensureTaskWorktree(clone, 'task-x', dirs.worktreesDir, { ...start, head: commit! });
    expect(again.gitDir).toBe(worktree.gitDir);
    expect(readFileSync(join(worktree.path, '.git'), 'utf8')).toBe(`gitdir: ${worktree.gitDir}\n`);
    expect(existsSync(join(worktree.path, 'change.txt'))).toBe(true);
  });

  it("leave an intact .git alone when a phase resumes: another task's prune never finds it missing", async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p4', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const { clone, worktree, start } = await worktreeOf(project, 'task-r', dirs);
    // A second name for the file: if it were removed and written again, .git would be a new file.
    linkSync(join(worktree.path, '.git'), join(scratch, 'dot-git-link'));

    await ensureTaskWorktree(clone, 'task-r', dirs.worktreesDir, start);

    // The same file, never removed and written again: git worktree prune (run by any task of this
    // project that adds a worktree) deletes the records of a worktree whose .git it cannot find.
    expect(statSync(join(worktree.path, '.git')).nlink).toBe(2);
  });

  it('start each phase from the durable head: what a killed attempt left uncommitted is gone', async () => {
    const repoPath = repository();
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-worktrees-'));
    const project = { id: 'p3', name: 'project', repoPath, gitUrl: null, defaultBranch: 'main' };
    const dirs = { worktreesDir: join(scratch, 'worktrees'), reposDir: join(scratch, 'repos') };
    const { clone, worktree, start } = await worktreeOf(project, 'task-k', dirs);
    writeFileSync(join(worktree.path, 'durable.txt'), 'kept\n');
    const durable = await commitWorktree(worktree, 'phase 1');
    // Phase 2 was killed mid-way: an edit, a new file and a commit that never landed.
    writeFileSync(join(worktree.path, 'durable.txt'), 'half-done\n');
    await commitWorktree(worktree, 'phase 2, never landed');
    writeFileSync(join(worktree.path, 'stray.txt'), 'x\n');

    const again = await ensureTaskWorktree(clone, 'task-k', dirs.worktreesDir, { ...start, head: durable! });

    expect(readFileSync(join(again.path, 'durable.txt'), 'utf8')).toBe('kept\n');
    expect(existsSync(join(again.path, 'stray.txt'))).toBe(false);
    expect(
      execFileSync('git', ['rev-parse', 'switchyard/task-k'], { cwd: clone, encoding: 'utf8' }).trim(),
    ).toBe(durable);
  });
});
