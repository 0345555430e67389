import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** shared/provider-transcripts, a sibling of the repository root (as in CI). */
export const TRANSCRIPTS_DIR = fileURLToPath(
  new URL('../../../../../shared/provider-transcripts/', import.meta.url),
);

export function transcriptPath(name: string): string {
  return `${TRANSCRIPTS_DIR}${name}`;
}

/** Every replayable transcript (the Z.AI code table is a reference, not a response). */
export function transcriptFiles(): string[] {
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'zai_error_codes_reference.json')
    .sort();
}
