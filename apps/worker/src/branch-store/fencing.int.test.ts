import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQueueSql, createTask, enqueueRuns, queueSql, sleep } from '../../test/support/queue-fixtures';
import { claimNextPhaseRun, LeaseLostError, PhaseRunLease, recoverExpiredLeases } from '../queue';
import { ensureProjectClone, type ProjectRepository } from '../worktree/project-clone';
import { commitWorktree, ensureTaskWorktree } from '../worktree/task-worktree';
import { deliverTaskBranch } from './deliver';
import { landTaskBranch } from './land';
import { restoreTaskBranch } from './restore';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await closeQueueSql();
  await db.drop();
});

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-fencing-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(join(dir, 'README.md'), '# project\n');
  git('add', '.');
  git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'initial');
  return dir;
}

/** One "machine": its own data folder, its clone and the task's worktree there, at the durable head. */
async function machine(project: ProjectRepository, taskId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-machine-'));
  const clone = await ensureProjectClone(project, join(dir, 'repos'));
  const start = await restoreTaskBranch(db.prisma, clone, taskId, project);
  const worktree = await ensureTaskWorktree(clone, taskId, join(dir, 'worktrees'), start);
  return { clone, start, worktree };
}

describe('the branch store under a lost lease', () => {
  it("refuses a stale worker's late commit once a worker sharing no disk with it took the run over", async () => {
    const repoPath = repository();
    const { taskId } = await createTask(db.prisma);
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { id: taskId },
      include: { project: true },
    });
    const project = await db.prisma.project.update({
      where: { id: task.projectId },
      data: { repoPath, defaultBranch: 'main' },
    });
    await enqueueRuns(db.prisma, taskId, 1);

    // Machine A claims the run and commits, then stalls past its lease.
    const runA = await claimNextPhaseRun(queueSql(db), { workerId: 'machine-a', leaseMs: 1_000 });
    const leaseA = new PhaseRunLease(db.prisma, queueSql(db), runA!, {
      workerId: 'machine-a',
      leaseMs: 1_000,
    });
    const a = await machine(project, taskId);
    writeFileSync(join(a.worktree.path, 'late.txt'), 'from the stale worker\n');
    const lateCommit = await commitWorktree(a.worktree, 'stale work');

    // Machine B recovers the run, does it on its own disk and lands it.
    await sleep(1_200);
    expect(await recoverExpiredLeases(queueSql(db))).toHaveLength(1);
    const runB = await claimNextPhaseRun(queueSql(db), { workerId: 'machine-b', leaseMs: 30_000 });
    expect(runB!.fencingToken).toBe(runA!.fencingToken + 1n);
    const leaseB = new PhaseRunLease(db.prisma, queueSql(db), runB!, {
      workerId: 'machine-b',
      leaseMs: 30_000,
    });
    const b = await machine(project, taskId);
    writeFileSync(join(b.worktree.path, 'work.txt'), 'from the new owner\n');
    await commitWorktree(b.worktree, 'the real work');
    const landed = await landTaskBranch(leaseB, b.clone, b.worktree, b.start);
    const delivered = await deliverTaskBranch(project, b.clone, b.worktree.branch, landed!.head);
    expect(delivered.error).toBeNull();

    // Machine A wakes up: its commit does not land, and its head cannot overwrite the delivered one.
    await expect(landTaskBranch(leaseA, a.clone, a.worktree, a.start)).rejects.toBeInstanceOf(LeaseLostError);
    const stale = await deliverTaskBranch(project, a.clone, a.worktree.branch, lateCommit!);
    expect(stale.error).toMatch(/has commits the task's branch does not .* not overwritten/);

    const after = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(after.branchHead).toBe(landed!.head);
    const bundles = await db.prisma.taskBranchBundle.findMany({ where: { taskId } });
    expect(bundles).toEqual([
      expect.objectContaining({ seq: 1, phaseRunId: runB!.id, toCommit: landed!.head, commits: 1 }),
    ]);
    const onBranch = execFileSync('git', ['log', '--format=%s', `main..${b.worktree.branch}`], {
      cwd: repoPath,
      encoding: 'utf8',
    });
    expect(onBranch.trim()).toBe('the real work');
    leaseA.end();
    leaseB.end();
  });
});
