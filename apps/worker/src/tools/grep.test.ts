import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRipgrep } from './grep-ripgrep';
import { makeWorktree, toolsFor } from './test-worktree';

let worktree: { dir: string; cleanup: () => void };

beforeEach(() => {
  worktree = makeWorktree({
    '.gitignore': 'ignored/\n',
    'src/a.ts': 'export const Alpha = 1;\nconst beta = 2;\n',
    'src/b.tsx': 'const alpha = <div/>;\n',
    'docs/notes.md': 'alpha release notes\n',
    '.hidden/conf.ts': 'alpha hidden\n',
  });
  writeFileSync(path.join(worktree.dir, 'untracked.ts'), 'alpha untracked\n');
  writeFileSync(path.join(worktree.dir, 'blob.bin'), Buffer.from('alpha\0binary'));
  mkdirSync(path.join(worktree.dir, 'ignored'));
  writeFileSync(path.join(worktree.dir, 'ignored/x.ts'), 'alpha ignored\n');
});
afterEach(() => worktree.cleanup());

const ripgrep = findRipgrep(process.env.PATH);

describe.each([
  { backend: 'the JS fallback', grep: 'js' as const },
  { backend: ripgrep ? 'ripgrep' : 'auto (ripgrep not installed: the JS fallback)', grep: 'auto' as const },
])('Grep with $backend', ({ grep }) => {
  it('lists matching files, skipping .gitignored and binary files', async () => {
    const { call } = toolsFor(worktree.dir, { grep });
    const outcome = await call('Grep', { pattern: 'alpha' });
    expect(outcome.content).toBe(
      ['4 files match:', '.hidden/conf.ts', 'docs/notes.md', 'src/b.tsx', 'untracked.ts'].join('\n'),
    );
  });

  it('shows matching lines in content mode, case-insensitively, filtered by glob', async () => {
    const { call } = toolsFor(worktree.dir, { grep });
    const outcome = await call('Grep', {
      pattern: 'ALPHA',
      case_insensitive: true,
      glob: '*.ts',
      output_mode: 'content',
      path: 'src',
    });
    expect(outcome.content).toBe('src/a.ts:1:export const Alpha = 1;');
  });

  it('says when nothing matches, and reports an invalid pattern as a tool error', async () => {
    const { call } = toolsFor(worktree.dir, { grep });
    expect((await call('Grep', { pattern: 'zeta' })).content).toBe('No matches for /zeta/ in .');
    const invalid = await call('Grep', { pattern: '(unclosed' });
    expect(invalid.isError).toBe(true);
    expect(invalid.content).toMatch(/^Grep: /);
  });

  it('caps a large result', async () => {
    writeFileSync(path.join(worktree.dir, 'many.txt'), 'alpha line\n'.repeat(5_000));
    const { call } = toolsFor(worktree.dir, { grep, policy: { outputCapBytes: 2_000 } });
    const outcome = await call('Grep', { pattern: 'alpha', output_mode: 'content' });
    expect(outcome.content).toMatch(/… \[output truncated: \d+ bytes more\]$/);
  });
});

it('finds ripgrep on the PATH when it is installed, and reports none otherwise', () => {
  expect(findRipgrep('/nonexistent-dir')).toBeNull();
  if (ripgrep) expect(path.basename(ripgrep)).toBe('rg');
});
