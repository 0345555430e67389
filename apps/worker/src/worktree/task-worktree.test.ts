import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTaskWorktree } from './task-worktree';

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
});
