/**
 * Everything on stdin, trimmed: how secrets reach the CLI (`login --api-key -`, `credentials add`),
 * so that they appear neither in the shell history nor in the process list.
 */
export async function readStdin(input: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text.trim();
}
