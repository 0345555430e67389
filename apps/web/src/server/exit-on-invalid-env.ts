import { serverEnv } from '@/env';

/**
 * A missing or malformed DATABASE_URL stops the server at start with a message naming the variable.
 * (Throwing from `register()` only logs: Next keeps serving 500s.)
 */
export function exitOnInvalidEnv(): void {
  try {
    serverEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
