import { readFile } from 'node:fs/promises';
import type { ApiInputs } from '../api/client';
import { usageError } from '../cli-error';
import { readStdin } from './read-stdin';

type ProfileInput = ApiInputs['profiles']['create'];

/** What `profiles get --json` prints beside the profile itself: dropped, so that its output is a valid file. */
const VIEW_ONLY_KEYS = ['id', 'builtin', 'phasesError', 'createdById', 'createdAt', 'updatedAt', 'teamId'];

/**
 * A profile from a JSON file (`-`: stdin), e.g. what `profiles get NAME --json` printed, edited. The
 * server checks its shape (and says which field is wrong); here only that it is a JSON object.
 */
export async function readProfileFile(
  path: string,
  stdin: AsyncIterable<string | Buffer>,
): Promise<ProfileInput> {
  let text: string;
  try {
    text = path === '-' ? await readStdin(stdin) : await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(
      `Cannot read the profile file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      'Pass --file with the path of a JSON file, or - to read it from stdin.',
    );
  }
  return parseProfileJson(text, path);
}

export function parseProfileJson(text: string, path: string): ProfileInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(
      `${path} is not JSON: ${(error as Error).message}.`,
      'Start from a profile: switchyard profiles get Balanced --json > profile.json',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw usageError(
      `${path} is not a JSON object with name, description and phases.`,
      'Start from a profile: switchyard profiles get Balanced --json > profile.json',
    );
  const profile = { ...(value as Record<string, unknown>) };
  for (const key of VIEW_ONLY_KEYS) delete profile[key];
  // Checked by the server, which names each wrong field.
  return profile as ProfileInput;
}
