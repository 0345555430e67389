import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withApiReference } from '../../scripts/docs/api-reference';
import { withProviderReference } from '../../scripts/docs/provider-reference';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
// Biome pads Markdown tables; compare content, not alignment.
const unpadded = (text: string) => text.replace(/ +/g, ' ').replace(/-{3,}/g, '---');

describe('the documentation matches the code', () => {
  it('has the provider, alias, thinking and catalog tables of docs/providers.md up to date (pnpm docs:generate)', () => {
    const document = read('docs/providers.md');
    expect(unpadded(withProviderReference(document))).toBe(unpadded(document));
  });

  it('lists every tRPC procedure with its current input in docs/api.md (pnpm docs:generate)', () => {
    const document = read('docs/api.md');
    expect(unpadded(withApiReference(document))).toBe(unpadded(document));
  });
});
