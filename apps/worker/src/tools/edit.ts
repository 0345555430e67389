import { readFile, stat, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool, toolError } from './definition';
import { looksBinary } from './read';

const schema = z.object({
  file_path: z.string().describe('Path of the file, relative to the worktree root (or absolute inside it).'),
  old_string: z.string().describe('The exact text to replace, including whitespace and indentation.'),
  new_string: z.string().describe('The text to put in its place.'),
  replace_all: z
    .boolean()
    .optional()
    .describe('Replace every occurrence (default false: old_string must occur exactly once).'),
});

function countOccurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

export const editTool = defineTool({
  name: 'Edit',
  description:
    'Replace exact text in a file of the worktree. old_string must occur exactly once unless replace_all is true; Read the file first to copy the text exactly.',
  schema,
  async run(args, { paths }) {
    const file = await paths.resolve(args.file_path, { write: true });
    const info = await stat(file.absolute).catch(() => null);
    if (!info) return toolError(`${file.display} does not exist; use Write to create a new file`);
    if (info.isDirectory()) return toolError(`${file.display} is a directory; pass a file path`);
    if (args.old_string === '') {
      return toolError('"old_string" is empty; pass the text to replace, or use Write to set the whole file');
    }
    if (args.old_string === args.new_string) {
      return toolError('"old_string" and "new_string" are the same; nothing would change');
    }
    if (await looksBinary(file.absolute))
      return toolError(`${file.display} is a binary file; Edit changes text files only`);
    const text = await readFile(file.absolute, 'utf8');
    const count = countOccurrences(text, args.old_string);
    if (count === 0) {
      return toolError(
        `"old_string" was not found in ${file.display}; Read the file and copy the exact text, including whitespace and indentation`,
      );
    }
    if (count > 1 && !args.replace_all) {
      return toolError(
        `"old_string" was found ${count} times in ${file.display}; pass more surrounding context to make it unique, or set replace_all: true`,
      );
    }
    // split/join rather than String.replace: a "$&" in new_string must stay literal.
    await writeFile(file.absolute, text.split(args.old_string).join(args.new_string), 'utf8');
    return { content: `Replaced ${count} occurrence${count === 1 ? '' : 's'} in ${file.display}` };
  },
});
