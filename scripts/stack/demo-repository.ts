import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_BUG, DEMO_REPOSITORY_FILES } from '@switchyard/fake-llm';

/**
 * The offline demo's repository, created once in `<data dir>/demo-repo`: a small shop cart with a
 * real bug and a test that fails because of it. Demo tasks work in worktrees of it, so nothing of
 * the user's is touched. A demo repository from an older version (no cart) gets the cart as a new
 * commit on its main branch.
 */
export function ensureDemoRepository(dataDir: string): string {
  const repo = join(dataDir, 'demo-repo');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Switchyard', '-c', 'user.email=switchyard@localhost', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  const isNew = !existsSync(join(repo, '.git'));
  if (isNew) {
    mkdirSync(repo, { recursive: true });
    git('init', '--quiet', '--initial-branch=main');
  } else if (hasCart(git)) {
    return repo;
  } else {
    git('checkout', '--quiet', 'main');
  }
  for (const [path, content] of Object.entries(DEMO_REPOSITORY_FILES)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git('add', '.');
  git('commit', '--quiet', '-m', isNew ? 'Initial commit' : 'Add the corner shop cart');
  return repo;
}

function hasCart(git: (...args: string[]) => Buffer): boolean {
  try {
    git('cat-file', '-e', `main:${DEMO_BUG.file}`);
    return true;
  } catch {
    return false;
  }
}
