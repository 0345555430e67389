import type { FencedTx } from './types';

// Fenced transactions in which the run left `running` (finished, sent back for a retry, released).
// The lease ends when such a transaction commits, without a query to ask the database whether it did.
const ended = new WeakSet<FencedTx>();

export function markRunEnded(tx: FencedTx): void {
  ended.add(tx);
}

export function runEndedIn(tx: FencedTx): boolean {
  return ended.has(tx);
}
