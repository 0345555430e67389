import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILTIN_PROVIDERS } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_ROOTS = ['apps', 'packages', 'scripts', 'tests/e2e/playwright.config.ts', 'tests/e2e/serve.ts'];
// Set by the platform or tools, not by a Switchyard operator.
const NOT_OURS = new Set([
  'PATH',
  'HOME',
  'NODE_ENV',
  'NEXT_RUNTIME',
  'CI',
  'PRISMA_SCHEMA_ENGINE_BINARY',
  'CHECKPOINT_DISABLE',
]);

function sourceFiles(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.next', 'generated', 'test', 'test-results'].includes(entry.name))
      return [];
    const child = join(path, entry.name);
    if (entry.isDirectory()) return sourceFiles(child);
    return /\.(ts|tsx|mjs)$/.test(entry.name) &&
      !/\.(test|int\.test|e2e)\.ts$/.test(entry.name) &&
      !child.includes('/support/')
      ? [join(ROOT, child)]
      : [];
  });
}

/** Variables the code reads: process.env.X, env.X, and the keys of the zod env schemas. */
function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const patterns = [
      /\b(?:process\.)?env\??\.([A-Z][A-Z0-9_]{2,})\b/g,
      /process\.env\[['"]([A-Z][A-Z0-9_]{2,})['"]\]/g,
    ];
    if (/\/(config|env)\.ts$/.test(file)) patterns.push(/^\s+([A-Z][A-Z0-9_]{2,}): z\b/gm);
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        if (!NOT_OURS.has(match[1]!)) found.set(match[1]!, relative(ROOT, file));
      }
    }
  }
  for (const provider of Object.values(BUILTIN_PROVIDERS)) {
    for (const name of [...provider.keyEnvNames, ...provider.baseUrlEnvNames])
      found.set(name, `provider ${provider.id}`);
  }
  return found;
}

describe('every environment variable the code reads is documented', () => {
  const variables = variablesReadByCode();
  const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const operating = readFileSync(join(ROOT, 'docs/operating.md'), 'utf8');

  it('finds the variables (the scan works)', () => {
    expect([...variables.keys()]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'WORKER_CONCURRENCY', 'ZAI_API_KEY']),
    );
  });

  it('lists each one in .env.example', () => {
    const missing = [...variables]
      .filter(([name]) => !envExample.includes(name))
      .map(([n, where]) => `${n} (${where})`);
    expect(missing).toEqual([]);
  });

  it('lists each one in docs/operating.md', () => {
    const missing = [...variables]
      .filter(([name]) => !operating.includes(name))
      .map(([n, where]) => `${n} (${where})`);
    expect(missing).toEqual([]);
  });
});
