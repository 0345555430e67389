import { z } from 'zod';
import { defineTool } from './definition';
import { grepWithJs } from './grep-js';
import { formatMatches, type GrepQuery } from './grep-match';
import { grepWithRipgrep } from './grep-ripgrep';
import { capOutput } from './output-cap';

const schema = z.object({
  pattern: z.string().min(1).describe('Regular expression to search for in file contents.'),
  path: z
    .string()
    .optional()
    .describe('File or folder to search, relative to the worktree root (default: all).'),
  glob: z
    .string()
    .optional()
    .describe('Only search files matching this glob, e.g. "*.ts" or "src/**/*.tsx".'),
  case_insensitive: z.boolean().optional().describe('Ignore case (default false).'),
  output_mode: z
    .enum(['files_with_matches', 'content'])
    .optional()
    .describe(
      '"files_with_matches" (default): matching file paths; "content": matching lines as path:line:text.',
    ),
});

// Files ignored by .gitignore are skipped by both backends.
export const grepTool = defineTool({
  name: 'Grep',
  description:
    'Search file contents of the worktree with a regular expression (files ignored by .gitignore are skipped). Lists matching files, or matching lines with output_mode "content".',
  schema,
  async run(args, { paths, policy, redact, signal, ripgrep, runner }) {
    const base = await paths.resolve(args.path ?? '.');
    const query: GrepQuery = {
      pattern: args.pattern,
      under: base.display,
      glob: args.glob,
      caseInsensitive: args.case_insensitive ?? false,
      mode: args.output_mode ?? 'files_with_matches',
    };
    const result = ripgrep
      ? await grepWithRipgrep(ripgrep, runner, query, signal)
      : await grepWithJs(paths.root, query, signal);
    return { content: capOutput(redact(formatMatches(result, query)), policy.outputCapBytes) };
  },
});
