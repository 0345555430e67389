import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const MANIFESTS = [
  'package.json',
  'apps/web/package.json',
  'apps/worker/package.json',
  'apps/cli/package.json',
  'packages/providers/package.json',
  'packages/api/package.json',
  'packages/db/package.json',
  'packages/fake-llm/package.json',
  'tests/package.json',
  'bench/package.json',
];

function catalog(): Record<string, string> {
  const yaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const block = yaml.split(/^catalog:\s*$/m)[1] ?? '';
  const entries: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const match = line.match(/^ {2}['"]?([^'":]+)['"]?:\s*(\S+)\s*$/);
    if (match) entries[match[1]!] = match[2]!;
    else if (line.trim() && !line.startsWith(' ')) break;
  }
  return entries;
}

describe('dependencies are pinned (a fresh install gets exactly what was tested)', () => {
  const versions = catalog();

  it('pins every catalog entry to an exact version', () => {
    expect(Object.keys(versions).length).toBeGreaterThan(20);
    const loose = Object.entries(versions).filter(([, version]) => !EXACT.test(version));
    expect(loose).toEqual([]);
  });

  it('takes every dependency of every package from the catalog, the workspace or an exact version', () => {
    const loose: string[] = [];
    for (const manifest of MANIFESTS) {
      const pkg = JSON.parse(readFileSync(join(ROOT, manifest), 'utf8'));
      for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
        for (const [name, spec] of Object.entries<string>(pkg[field] ?? {})) {
          const ok = spec === 'workspace:*' || (spec === 'catalog:' && name in versions) || EXACT.test(spec);
          if (!ok) loose.push(`${manifest}: ${name}@${spec}`);
        }
      }
    }
    expect(loose).toEqual([]);
  });
});
