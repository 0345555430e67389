import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool, toolError } from './definition';

const schema = z.object({
  file_path: z.string().describe('Path of the file, relative to the worktree root (or absolute inside it).'),
  content: z.string().describe('The whole new content of the file.'),
});

function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

export const writeTool = defineTool({
  name: 'Write',
  description:
    'Create or overwrite a file of the worktree with the given content (parent folders are created). Prefer Edit to change part of an existing file.',
  schema,
  async run(args, { paths }) {
    const file = await paths.resolve(args.file_path, { write: true });
    const existing = await stat(file.absolute).catch(() => null);
    if (existing?.isDirectory()) return toolError(`${file.display} is a directory; pass a file path`);
    await mkdir(path.dirname(file.absolute), { recursive: true });
    await writeFile(file.absolute, args.content, 'utf8');
    const bytes = Buffer.byteLength(args.content, 'utf8');
    const verb = existing ? 'Overwrote' : 'Created';
    return { content: `${verb} ${file.display} (${bytes} bytes, ${countLines(args.content)} lines)` };
  },
});
