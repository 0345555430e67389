import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { oneLine, timestamp } from './table';

type Delivery = ApiOutputs['tasks']['get']['task']['delivery'];

/** A commit as git abbreviates it: its first 7 characters. */
export const shortCommit = (commit: string) => commit.slice(0, 7);

/**
 * One line saying where the task branch is: delivered where (commit, time), not delivered yet, or
 * why its delivery failed and what to do. `tasks get` and the end of `tasks watch` print it.
 */
export function formatDelivery(delivery: Delivery, c: Colors): string {
  const { branch, head, deliveredTo, deliveredHead, deliveredAt } = delivery;
  if (!branch) return c.dim('No task branch yet: the worker creates it when the first phase starts.');
  const name = c.bold(branch);
  const delivered =
    deliveredTo && deliveredHead
      ? `delivered to ${deliveredTo} (commit ${shortCommit(deliveredHead)}${deliveredAt ? `, ${timestamp(deliveredAt)}` : ''})`
      : null;
  if (delivery.error) {
    const why = oneLine(delivery.error, 300).replace(/[.\s]+$/, '');
    const safe = head ? ` (commit ${shortCommit(head)})` : '';
    const last = delivered ? ` It was last ${delivered}.` : '';
    return c.yellow(
      `Branch ${name} not delivered: ${why}. It is safe in the branch store${safe}; fix the access to ${deliveredTo ?? "the project's repository or remote"} and the worker delivers it again after the task's next phase.${last}`,
    );
  }
  if (delivered) {
    const newer =
      !delivery.upToDate && head ? `; its newer commit ${shortCommit(head)} is not delivered yet` : '';
    return `Branch ${name} ${delivered}${newer}`;
  }
  return `Branch ${name} not delivered yet${head ? ` (commit ${shortCommit(head)} is in the branch store)` : ''}`;
}
