import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages } from './error-messages';

const ROOT = join(import.meta.dirname, '..', '..');
const squash = (text: string) => text.replace(/\\n/g, ' ').replace(/\s+/g, ' ');

// Programming errors and descriptions that are not messages a user meets.
const NOT_USER_FACING = [
  'useCatalog() needs a <CatalogProvider>',
  'is not a spec step',
  'profile credential ',
  'team default credential ',
  'no credential needed',
  'the reply contains no JSON object',
  'The stream ended before message_stop',
  'Cancelled while waiting to retry',
];

describe('docs/troubleshooting.md', () => {
  const doc = squash(readFileSync(join(ROOT, 'docs/troubleshooting.md'), 'utf8'));
  const messages = errorMessages().filter((m) => !NOT_USER_FACING.some((skip) => m.text.includes(skip)));

  it('finds the messages (the scan works)', () => {
    expect(messages.length).toBeGreaterThan(40);
  });

  it('explains every error message the code can show', () => {
    const missing = messages.filter((m) => !doc.includes(squash(m.key))).map((m) => `${m.file}: ${m.key}`);
    expect(missing).toEqual([]);
  });
});
