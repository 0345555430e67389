// `pnpm docs:generate`: refreshes the generated sections of the documentation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withProviderReference } from './provider-reference';

const file = join(import.meta.dirname, '..', '..', 'docs', 'providers.md');
writeFileSync(file, withProviderReference(readFileSync(file, 'utf8')));
console.log(`updated ${file}`);
