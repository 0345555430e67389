import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ToolOutcome } from '@switchyard/providers';
import { createToolbox, type ToolboxOptions } from './toolbox';

/** A throwaway git repository with one commit, standing in for a task's worktree (tests only). */
export function makeWorktree(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-tools-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries({ 'README.md': '# demo\n', ...files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'initial');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A toolbox on `worktree` and a one-line way to call it. */
export function toolsFor(worktree: string, options: Partial<ToolboxOptions> = {}) {
  const toolbox = createToolbox({ worktree, secrets: [], ...options });
  let id = 0;
  const call = (name: string, args: Record<string, unknown>, signal = new AbortController().signal) =>
    toolbox.execute({ id: `call-${++id}`, name, arguments: args }, { signal }) as Promise<ToolOutcome>;
  return { toolbox, call };
}
