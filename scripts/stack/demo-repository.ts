import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A tiny git repository for the offline demo, created once in `<data dir>/demo-repo`: tasks of the
 * demo project work in worktrees of it, so nothing of the user's is touched.
 */
export function ensureDemoRepository(dataDir: string): string {
  const repo = join(dataDir, 'demo-repo');
  if (existsSync(join(repo, '.git'))) return repo;
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'README.md'), '# Greeter\n\nA tiny project for trying Switchyard offline.\n');
  writeFileSync(
    join(repo, 'greet.js'),
    "export function greet(name) {\n  return 'Hello, ' + name + '!';\n}\n",
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git(
    '-c',
    'user.name=Switchyard',
    '-c',
    'user.email=switchyard@localhost',
    'commit',
    '--quiet',
    '-m',
    'Initial commit',
  );
  return repo;
}
