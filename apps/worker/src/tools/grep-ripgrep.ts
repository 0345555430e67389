import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { CommandRunner } from '../sandbox';
import {
  GREP_COLLECT_LIMIT_BYTES,
  GrepError,
  type GrepMatch,
  type GrepQuery,
  type GrepResult,
} from './grep-match';
import { BoundedOutput } from './output-cap';

/** The absolute path of `rg` on the PATH, or null when ripgrep is not installed. */
export function findRipgrep(pathVariable: string | undefined): string | null {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'rg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

function ripgrepArgs(query: GrepQuery): string[] {
  return [
    '--no-config',
    '--color=never',
    '--no-heading',
    '--with-filename',
    '--line-number',
    '--null',
    // Same file set as the JS fallback (git's view): hidden files count, .git/ does not, and only
    // .gitignore rules apply (not .ignore/.rgignore or ignore files above the repository).
    '--hidden',
    '--glob=!.git',
    '--no-ignore-dot',
    '--no-ignore-parent',
    ...(query.caseInsensitive ? ['--ignore-case'] : []),
    ...(query.glob ? [`--glob=${query.glob}`] : []),
    ...(query.mode === 'files_with_matches' ? ['--files-with-matches'] : []),
    '--regexp',
    query.pattern,
    ...(query.under === '.' ? [] : ['--', query.under]),
  ];
}

function parse(output: string, query: GrepQuery, complete: boolean): GrepMatch[] {
  if (query.mode === 'files_with_matches') {
    const files = output.split('\0');
    files.pop(); // empty after the last NUL, or a path cut by the memory bound
    return files.map((file) => ({ file }));
  }
  const records = output.split('\n');
  if (!complete || records.at(-1) === '') records.pop();
  const matches: GrepMatch[] = [];
  for (const record of records) {
    const nul = record.indexOf('\0');
    const colon = record.indexOf(':', nul);
    if (nul < 0 || colon < 0) continue;
    matches.push({
      file: record.slice(0, nul),
      line: Number(record.slice(nul + 1, colon)),
      text: record.slice(colon + 1),
    });
  }
  return matches;
}

/** ripgrep over the worktree, in the sandbox (read-only, no network) like every agent process. */
export async function grepWithRipgrep(
  rg: string,
  runner: CommandRunner,
  query: GrepQuery,
  signal: AbortSignal,
): Promise<GrepResult> {
  const command = await runner.prepare([rg, ...ripgrepArgs(query)], { writable: false, network: false });
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(command.file, command.args, {
        cwd: command.cwd,
        env: command.env,
        signal,
        stdio: ['ignore', 'pipe', 'pipe', ...command.data.map(() => 'pipe' as const)],
      });
      const stdout = new BoundedOutput(GREP_COLLECT_LIMIT_BYTES);
      const stderr = new BoundedOutput(16 * 1024);
      child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        const output = stdout.text();
        const errors = stderr.text().trim();
        // The sandbox itself failed (bwrap exits 1 too, which ripgrep uses for "no match").
        if (errors.startsWith('bwrap:')) {
          reject(new GrepError(`the sandbox could not start ripgrep: ${errors}`));
          return;
        }
        // 0: matches, 1: none, 2: an error (with partial results when some files were unreadable).
        if (code === 2 && output === '') {
          reject(new GrepError(errors || 'ripgrep failed'));
          return;
        }
        const complete = stdout.dropped === 0;
        resolve({ matches: parse(output, query, complete), incomplete: !complete });
      });
    });
  } finally {
    await command.release();
  }
}
