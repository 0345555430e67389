import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from './unified-diff';

const DIFF = `diff --git a/HELLO.md b/HELLO.md
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ b/HELLO.md
@@ -0,0 +1,2 @@
+# Hello
+Hi!
diff --git a/greet.js b/greet.js
index 1111111..2222222 100644
--- a/greet.js
+++ b/greet.js
@@ -1,3 +1,3 @@
 export function greet(name) {
-  return 'Hello, ' + name + '!';
+  return \`Hello, \${name}!\`;
 }
`;

describe('parseUnifiedDiff', () => {
  it('splits a git diff into files with additions, deletions and line numbers', () => {
    const files = parseUnifiedDiff(DIFF);
    expect(files.map((f) => [f.path, f.additions, f.deletions])).toEqual([
      ['HELLO.md', 2, 0],
      ['greet.js', 1, 1],
    ]);
    const greet = files[1]!;
    expect(greet.lines.find((l) => l.kind === 'del')).toMatchObject({ oldNo: 2, newNo: null });
    expect(greet.lines.find((l) => l.kind === 'add')).toMatchObject({ oldNo: null, newNo: 2 });
    expect(greet.lines.at(-1)).toMatchObject({ kind: 'context', text: ' }', oldNo: 3, newNo: 3 });
  });

  it('returns nothing for an empty diff', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});
