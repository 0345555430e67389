import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { listWorktreeFiles } from './git-files';
import {
  GREP_COLLECT_LIMIT_BYTES,
  GrepError,
  type GrepMatch,
  type GrepQuery,
  type GrepResult,
} from './grep-match';

/** Files above this size are skipped by the fallback (ripgrep streams them; we would load them whole). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The fallback when ripgrep is not installed: git's file list, a JS RegExp per line. */
export async function grepWithJs(root: string, query: GrepQuery, signal: AbortSignal): Promise<GrepResult> {
  let regex: RegExp;
  try {
    regex = new RegExp(query.pattern, query.caseInsensitive ? 'i' : '');
  } catch (error) {
    throw new GrepError(`invalid regular expression: ${(error as Error).message}`);
  }
  // Like rg --glob: a pattern without "/" matches the file name at any depth.
  const globMatch = query.glob ? picomatch(query.glob, { dot: true, basename: true }) : null;
  const prefix = query.under === '.' ? '' : `${query.under}/`;
  const files = await listWorktreeFiles(root, query.under, signal);
  const matches: GrepMatch[] = [];
  let collected = 0;
  for (const file of files) {
    signal.throwIfAborted();
    const relative = file.startsWith(prefix) ? file.slice(prefix.length) : path.basename(file);
    if (globMatch && !globMatch(relative)) continue;
    const content = await readFile(path.join(root, file)).catch(() => null);
    if (!content || content.length > MAX_FILE_BYTES || content.includes(0)) continue;
    const lines = content.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i === lines.length - 1 && line === '') break;
      if (!regex.test(line)) continue;
      if (query.mode === 'files_with_matches') {
        matches.push({ file });
        break;
      }
      matches.push({ file, line: i + 1, text: line });
      collected += file.length + line.length;
      if (collected > GREP_COLLECT_LIMIT_BYTES) return { matches, incomplete: true };
    }
  }
  return { matches, incomplete: false };
}
