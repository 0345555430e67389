// `pnpm docs:generate`: refreshes the generated sections of the documentation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withApiReference } from './api-reference';
import { withProviderReference } from './provider-reference';

const docs = join(import.meta.dirname, '..', '..', 'docs');
for (const [name, render] of [
  ['providers.md', withProviderReference],
  ['api.md', withApiReference],
] as const) {
  const file = join(docs, name);
  writeFileSync(file, render(readFileSync(file, 'utf8')));
  console.log(`updated ${file}`);
}
