import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small git repository on `main` for a test's project; remove it with the returned cleanup. */
export function createGitRepo(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `switchyard-e2e-${prefix}-`));
  writeFileSync(join(path, 'README.md'), '# Journey\n\nA repository for the browser tests.\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: path, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git('-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', 'commit', '--quiet', '-m', 'Initial commit');
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
