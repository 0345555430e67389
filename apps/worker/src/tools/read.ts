import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { defineTool, toolError } from './definition';
import { capOutput } from './output-cap';

const DEFAULT_LIMIT = 2_000;
const MAX_LINE_CHARS = 2_000;
const BINARY_SNIFF_BYTES = 8_192;

const schema = z.object({
  file_path: z.string().describe('Path of the file, relative to the worktree root (or absolute inside it).'),
  offset: z.number().int().min(1).optional().describe('First line to show, 1-based (default 1).'),
  limit: z.number().int().min(1).optional().describe(`How many lines to show (default ${DEFAULT_LIMIT}).`),
});

/** A NUL byte in the first block is how git and ripgrep tell binary files too. */
export async function looksBinary(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

export const readTool = defineTool({
  name: 'Read',
  description:
    'Read a text file of the worktree. Returns numbered lines (`     N\\tline`); use offset/limit for a range of a long file.',
  schema,
  async run(args, { paths, policy, redact, signal }) {
    const file = await paths.resolve(args.file_path);
    const info = await stat(file.absolute).catch(() => null);
    if (!info) return toolError(`${file.display} does not exist; use Glob to find the right path`);
    if (info.isDirectory()) return toolError(`${file.display} is a directory; use Glob to list its files`);
    if (info.size === 0) return { content: `(${file.display} is empty)` };
    if (await looksBinary(file.absolute)) {
      return toolError(`${file.display} is a binary file (${info.size} bytes); Read shows text files only`);
    }

    const first = args.offset ?? 1;
    const last = first + (args.limit ?? DEFAULT_LIMIT) - 1;
    const lines: string[] = [];
    let lineNumber = 0;
    let more = false;
    // Streamed line by line so a huge file is never loaded whole.
    const input = createReadStream(file.absolute, { encoding: 'utf8', signal });
    const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of reader) {
        lineNumber++;
        if (lineNumber < first) continue;
        if (lineNumber > last) {
          more = true;
          break;
        }
        const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut]` : line;
        lines.push(`${String(lineNumber).padStart(6)}\t${shown}`);
      }
    } finally {
      reader.close();
      input.destroy();
    }
    if (lines.length === 0) {
      return toolError(
        `${file.display} has ${lineNumber} lines; offset ${first} is past the end (use an offset from 1 to ${lineNumber})`,
      );
    }
    let text = lines.join('\n');
    if (more) text += `\n… more lines follow; pass offset: ${last + 1} to continue`;
    return { content: capOutput(redact(text), policy.outputCapBytes) };
  },
});
