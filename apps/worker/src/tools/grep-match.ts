// The one output shape both Grep backends produce, so the model sees the same thing with or
// without ripgrep installed.
/** A search the backend could not run (bad pattern, ripgrep error); the message goes to the model. */
export class GrepError extends Error {}

export interface GrepMatch {
  /** Relative to the worktree root, `/` separators. */
  file: string;
  line?: number;
  text?: string;
}

export interface GrepQuery {
  pattern: string;
  /** Folder or file to search, relative to the worktree root ("." for all). */
  under: string;
  glob?: string;
  caseInsensitive: boolean;
  mode: 'files_with_matches' | 'content';
}

export interface GrepResult {
  matches: GrepMatch[];
  /** True when the backend stopped collecting at its memory bound. */
  incomplete: boolean;
}

/** Raw output either backend keeps in memory at most, before formatting and the output cap. */
export const GREP_COLLECT_LIMIT_BYTES = 8 * 1024 * 1024;
const MAX_LINE_CHARS = 500;

// Path order component by component ("a/b" before "a-b"), as a directory walk would list them: the
// same as plain string order once "/" sorts before every other character. The key is computed once
// per match (splitting paths in the comparator was 70% of a 50,000-match search: bench/reports/grep.md).
function pathSortKey(path: string): string {
  return path.replaceAll('/', '\u0000');
}

export function formatMatches(result: GrepResult, query: GrepQuery): string {
  if (result.matches.length === 0) return `No matches for /${query.pattern}/ in ${query.under}`;
  const sorted = result.matches
    .map((match) => ({ match, key: pathSortKey(match.file) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.match.line ?? 0) - (b.match.line ?? 0)))
    .map(({ match }) => match);
  let lines: string[];
  if (query.mode === 'files_with_matches') {
    lines = [`${sorted.length} file${sorted.length === 1 ? '' : 's'} match:`, ...sorted.map((m) => m.file)];
  } else {
    lines = sorted.map((m) => {
      const text = (m.text ?? '').replace(/\r$/, '');
      const shown = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… [line cut]` : text;
      return `${m.file}:${m.line}:${shown}`;
    });
  }
  if (result.incomplete)
    lines.push('… [search stopped early: too many matches; narrow the pattern or the path]');
  return lines.join('\n');
}
