export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** Line numbers in the old and new file (context/del/add lines only). */
  oldNo: number | null;
  newNo: number | null;
}

export interface DiffFile {
  path: string;
  additions: number;
  deletions: number;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Splits `git diff` output into files with numbered, classified lines. */
export function parseUnifiedDiff(diff: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let oldNo = 0;
  let newNo = 0;
  for (const text of diff.split('\n')) {
    if (text.startsWith('diff --git ')) {
      const path = text.match(/ b\/(.+)$/)?.[1] ?? text.slice(11);
      file = { path, additions: 0, deletions: 0, lines: [] };
      files.push(file);
      continue;
    }
    if (!file) {
      if (text.trim() === '') continue;
      file = { path: '(diff)', additions: 0, deletions: 0, lines: [] };
      files.push(file);
    }
    const hunk = text.match(HUNK);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      file.lines.push({ kind: 'hunk', text, oldNo: null, newNo: null });
    } else if (
      text.startsWith('+++') ||
      text.startsWith('---') ||
      /^(index|new file|deleted file|similarity|rename|old mode|new mode|Binary)/.test(text)
    ) {
      file.lines.push({ kind: 'meta', text, oldNo: null, newNo: null });
    } else if (text.startsWith('+')) {
      file.additions++;
      file.lines.push({ kind: 'add', text, oldNo: null, newNo: newNo++ });
    } else if (text.startsWith('-')) {
      file.deletions++;
      file.lines.push({ kind: 'del', text, oldNo: oldNo++, newNo: null });
    } else if (text.startsWith('\\')) {
      file.lines.push({ kind: 'meta', text, oldNo: null, newNo: null });
    } else if (text.length > 0 || file.lines.length > 0) {
      file.lines.push({ kind: 'context', text, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  for (const f of files)
    while (f.lines.at(-1)?.kind === 'context' && f.lines.at(-1)?.text === '') f.lines.pop();
  return files;
}
