import type { createCaller } from './api-harness';

type Caller = ReturnType<typeof createCaller>;

/** Calls a procedure by its dotted path; a subscription is read until its first event (or its end). */
export async function invoke(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  const result = await fn(input);
  if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    await iterator.return?.();
    return first.value;
  }
  return result;
}
