import { describe, expect, it } from 'vitest';
import { formatMatches } from './grep-match';

describe('grep output order', () => {
  it('lists paths as a directory walk would (a folder before a sibling that sorts after "/"), then by line', () => {
    const matches = ['src/a-b.ts', 'src/a/z.ts', 'src/a.ts', 'src/a/b/c.ts', 'README.md', 'src/a/z.ts'].map(
      (file, i) => ({
        file,
        line: file === 'src/a/z.ts' ? 10 - i : 1,
        text: 'hit',
      }),
    );

    const out = formatMatches(
      { matches, incomplete: false },
      { pattern: 'hit', under: '.', caseInsensitive: false, mode: 'content' },
    );

    expect(out.split('\n').map((l) => l.split(':').slice(0, 2).join(':'))).toEqual([
      'README.md:1',
      'src/a/b/c.ts:1',
      'src/a/z.ts:5',
      'src/a/z.ts:9',
      'src/a-b.ts:1',
      'src/a.ts:1',
    ]);
  });
});
