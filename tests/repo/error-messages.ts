import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Finds the error messages a user can meet: what the product throws (and the API turns into an
// answer, the CLI prints, the dashboard shows, a task's status reason carries), so that
// docs/troubleshooting.md can be checked against them.

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = [
  'apps/web/src',
  'apps/worker/src',
  'apps/cli/src',
  'packages/api/src',
  'packages/db/src',
  'packages/providers/src',
];
const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'test', 'test-support', 'tools']);

export interface ErrorMessage {
  file: string;
  /** The message as written (template placeholders kept). */
  text: string;
  /** Its longest stretch of literal text: what the documentation must quote. */
  key: string;
}

function files(path: string): string[] {
  return readdirSync(join(ROOT, path), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const child = join(path, entry.name);
    if (entry.isDirectory()) return files(child);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [child] : [];
  });
}

const THROWN = [
  /throw new \w+\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
  /new (?:TRPCError|\w*Error)\(\{[^})]*?message:\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
  /\bsuper\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
  // Messages carried in objects (validation issues, API errors) and task stop reasons.
  /\bmessage:\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
  /\bstop\(\s*'(?:blocked|failed|needs_human)',\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
  // Message tables: `case 'quota_exhausted': return `…``.
  /case '[a-z_]+':\s*return (['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g,
];

/** The longest literal stretch between template placeholders. */
export function literalKey(text: string): string {
  return text
    .split(/\$\{(?:[^{}]|\{[^{}]*\})*\}/)
    .map((part) => part.replace(/\\n/g, ' ').replace(/\\(.)/g, '$1').trim())
    .sort((a, b) => b.length - a.length)[0]!;
}

export function errorMessages(): ErrorMessage[] {
  const found: ErrorMessage[] = [];
  for (const root of SCANNED) {
    if (!statSync(join(ROOT, root), { throwIfNoEntry: false })) continue;
    for (const file of files(root)) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const pattern of THROWN) {
        for (const match of source.matchAll(pattern)) {
          const text = match[2]!;
          const key = literalKey(text);
          // Too short to be a message a user acts on (e.g. a bare placeholder or a word).
          if (key.length >= 16) found.push({ file: relative(ROOT, join(ROOT, file)), text, key });
        }
      }
    }
  }
  return found;
}
