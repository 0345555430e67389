import { stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { defineTool, toolError } from './definition';
import { listWorktreeFiles } from './git-files';
import { capOutput } from './output-cap';

const MAX_RESULTS = 1_000;

const schema = z.object({
  pattern: z.string().min(1).describe('Glob pattern, e.g. "**/*.ts" or "src/**/*.{ts,tsx}".'),
  path: z
    .string()
    .optional()
    .describe(
      'Folder to search in, relative to the worktree root (default: the root). The pattern is relative to it.',
    ),
});

// Glob = git's file list (respects .gitignore exactly, see git-files.ts) matched with picomatch, the
// matcher behind fast-glob and tinyglobby, so patterns mean what they mean in those tools.
export const globTool = defineTool({
  name: 'Glob',
  description:
    'Find files of the worktree by glob pattern (files ignored by .gitignore are skipped). Returns paths relative to the worktree root, sorted.',
  schema,
  async run(args, { paths, policy, redact, signal }) {
    const base = await paths.resolve(args.path ?? '.');
    const info = await stat(base.absolute).catch(() => null);
    if (!info?.isDirectory()) return toolError(`${base.display} is not a folder; pass a folder as "path"`);
    const isMatch = picomatch(args.pattern, { dot: true });
    const prefix = base.display === '.' ? '' : `${base.display}/`;
    const files = (await listWorktreeFiles(paths.root, base.display, signal)).filter((file) =>
      isMatch(file.slice(prefix.length)),
    );
    // git still lists tracked files deleted from disk.
    const existing: string[] = [];
    for (const file of files.sort()) {
      if (await stat(path.join(paths.root, file)).catch(() => null)) existing.push(file);
    }
    if (existing.length === 0) return { content: `No files match ${args.pattern} in ${base.display}` };
    let text = existing.slice(0, MAX_RESULTS).join('\n');
    if (existing.length > MAX_RESULTS) {
      text += `\n… ${existing.length - MAX_RESULTS} more files; narrow the pattern or the path`;
    }
    return { content: capOutput(redact(text), policy.outputCapBytes) };
  },
});
