/**
 * An error's message fit for a log line or a health response: one line, with the credentials of
 * any connection URL removed (driver errors may quote the URL they failed to reach).
 */
export function logSafeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\/\/[^/@\s]+@/g, '//***@')
    .replace(/\s+/g, ' ')
    .trim();
}
