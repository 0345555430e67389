/** Removes credentials from connection URLs in a message before it is logged. */
export function redactSecrets(message: string): string {
  return message.replace(/\/\/[^/@\s]+@/g, '//***@');
}
