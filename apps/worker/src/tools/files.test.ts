import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorktree, toolsFor } from './test-worktree';

let worktree: { dir: string; cleanup: () => void };
let outside: string;

beforeEach(() => {
  worktree = makeWorktree({ 'src/a.ts': 'const a = 1;\nconst b = 2;\nconst a2 = 1;\n' });
  outside = mkdtempSync(path.join(tmpdir(), 'switchyard-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'outside secret\n');
});
afterEach(() => {
  worktree.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

describe('file tools stay inside the worktree', () => {
  it('refuses ../ escapes, absolute paths outside and symlinks leading out, for reads and writes', async () => {
    const { call } = toolsFor(worktree.dir);
    symlinkSync(outside, path.join(worktree.dir, 'link-out'));
    symlinkSync(path.join(outside, 'new.txt'), path.join(worktree.dir, 'dangling'));
    const attempts = [
      call('Read', { file_path: '../secret.txt' }),
      call('Read', { file_path: 'src/../../secret.txt' }),
      call('Read', { file_path: path.join(outside, 'secret.txt') }),
      call('Read', { file_path: 'link-out/secret.txt' }),
      call('Write', { file_path: 'link-out/new.txt', content: 'x' }),
      call('Write', { file_path: 'dangling', content: 'x' }),
      call('Write', { file_path: '/etc/switchyard-test', content: 'x' }),
      call('Edit', { file_path: 'link-out/secret.txt', old_string: 'outside', new_string: 'inside' }),
      call('Glob', { pattern: '*', path: '..' }),
      call('Grep', { pattern: 'secret', path: 'link-out' }),
    ];
    for (const outcome of await Promise.all(attempts)) {
      expect(outcome.isError).toBe(true);
      expect(outcome.content).toMatch(/outside the task's worktree/);
    }
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('outside secret\n');
    expect(() => readFileSync(path.join(outside, 'new.txt'))).toThrow();
  });

  it('accepts an absolute path inside the worktree and a symlink that stays inside', async () => {
    const { call } = toolsFor(worktree.dir);
    symlinkSync('src/a.ts', path.join(worktree.dir, 'alias.ts'));
    expect((await call('Read', { file_path: path.join(worktree.dir, 'src/a.ts') })).isError).toBeUndefined();
    expect((await call('Read', { file_path: 'alias.ts' })).content).toContain('const a = 1;');
  });

  it('keeps Write and Edit out of .git/', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Write', { file_path: '.git/hooks/pre-commit', content: 'evil' });
    expect(outcome).toMatchObject({
      isError: true,
      content: expect.stringMatching(/^Write: .*inside \.git\//),
    });
    const edit = await call('Edit', { file_path: '.git/HEAD', old_string: 'main', new_string: 'x' });
    expect(edit.isError).toBe(true);
  });
});

describe('Read', () => {
  it('shows numbered lines, a range with offset/limit, and how to continue', async () => {
    const { call } = toolsFor(worktree.dir);
    expect((await call('Read', { file_path: 'src/a.ts' })).content).toBe(
      '     1\tconst a = 1;\n     2\tconst b = 2;\n     3\tconst a2 = 1;',
    );
    const range = await call('Read', { file_path: 'src/a.ts', offset: 2, limit: 1 });
    expect(range.content).toBe('     2\tconst b = 2;\n… more lines follow; pass offset: 3 to continue');
    const past = await call('Read', { file_path: 'src/a.ts', offset: 9 });
    expect(past).toMatchObject({ isError: true, content: expect.stringContaining('has 3 lines') });
  });

  it('caps a long output and says by how much', async () => {
    writeFileSync(path.join(worktree.dir, 'big.txt'), 'x'.repeat(100).concat('\n').repeat(500));
    const { call } = toolsFor(worktree.dir, { policy: { outputCapBytes: 1_000 } });
    const outcome = await call('Read', { file_path: 'big.txt' });
    expect(outcome.content).toMatch(/… \[output truncated: \d+ bytes more\]$/);
    expect(Buffer.byteLength(outcome.content)).toBeLessThan(1_100);
  });

  it('tells the model what to do about a missing file, a folder or a binary file', async () => {
    writeFileSync(path.join(worktree.dir, 'blob.bin'), Buffer.from([1, 0, 2, 3]));
    const { call } = toolsFor(worktree.dir);
    expect((await call('Read', { file_path: 'nope.ts' })).content).toMatch(/does not exist; use Glob/);
    expect((await call('Read', { file_path: 'src' })).content).toMatch(/is a directory/);
    expect((await call('Read', { file_path: 'blob.bin' })).content).toMatch(/binary file/);
  });
});

describe('Write', () => {
  it('creates parent folders and reports what it wrote', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Write', { file_path: 'deep/new/file.ts', content: 'one\ntwo\n' });
    expect(outcome.content).toBe('Created deep/new/file.ts (8 bytes, 2 lines)');
    expect(readFileSync(path.join(worktree.dir, 'deep/new/file.ts'), 'utf8')).toBe('one\ntwo\n');
    expect((await call('Write', { file_path: 'deep/new/file.ts', content: '' })).content).toMatch(
      /^Overwrote/,
    );
  });
});

describe('Edit', () => {
  const file = () => readFileSync(path.join(worktree.dir, 'src/a.ts'), 'utf8');

  it('replaces a unique match and says so', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Edit', {
      file_path: 'src/a.ts',
      old_string: 'const b = 2;',
      new_string: 'const b = $&;',
    });
    expect(outcome).toEqual({ content: 'Replaced 1 occurrence in src/a.ts' });
    expect(file()).toContain('const b = $&;');
  });

  it('refuses an ambiguous match and explains how to resolve it, leaving the file unchanged', async () => {
    const { call } = toolsFor(worktree.dir);
    const before = file();
    const outcome = await call('Edit', { file_path: 'src/a.ts', old_string: '= 1;', new_string: '= 3;' });
    expect(outcome).toEqual({
      isError: true,
      content:
        'Edit: "old_string" was found 2 times in src/a.ts; pass more surrounding context to make it unique, or set replace_all: true',
    });
    expect(file()).toBe(before);
  });

  it('replaces every occurrence with replace_all and reports the count', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Edit', {
      file_path: 'src/a.ts',
      old_string: '= 1;',
      new_string: '= 3;',
      replace_all: true,
    });
    expect(outcome.content).toBe('Replaced 2 occurrences in src/a.ts');
    expect(file()).toBe('const a = 3;\nconst b = 2;\nconst a2 = 3;\n');
  });

  it('says when the text is not there, or the file does not exist', async () => {
    const { call } = toolsFor(worktree.dir);
    expect(
      (await call('Edit', { file_path: 'src/a.ts', old_string: 'nope', new_string: 'x' })).content,
    ).toMatch(/was not found in src\/a\.ts; Read the file/);
    expect((await call('Edit', { file_path: 'src/b.ts', old_string: 'a', new_string: 'b' })).content).toMatch(
      /does not exist; use Write/,
    );
  });
});

describe('Glob', () => {
  it('lists matching files and skips .gitignored ones', async () => {
    const { call } = toolsFor(worktree.dir);
    writeFileSync(path.join(worktree.dir, '.gitignore'), 'dist/\n*.log\n');
    mkdirSync(path.join(worktree.dir, 'dist'));
    writeFileSync(path.join(worktree.dir, 'dist/out.ts'), 'built');
    writeFileSync(path.join(worktree.dir, 'debug.log'), 'log');
    writeFileSync(path.join(worktree.dir, 'src/new.tsx'), 'untracked but not ignored');
    expect((await call('Glob', { pattern: '**/*.{ts,tsx}' })).content).toBe('src/a.ts\nsrc/new.tsx');
    expect((await call('Glob', { pattern: '*.log' })).content).toMatch(/^No files match/);
    expect((await call('Glob', { pattern: '*.ts', path: 'src' })).content).toBe('src/a.ts');
  });
});
