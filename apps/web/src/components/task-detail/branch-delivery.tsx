import type { TaskDetail } from '@/components/tasks/types';
import { Alert } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';

type Delivery = TaskDetail['task']['delivery'];

/** A commit as git abbreviates it (7 characters); the whole hash on hover. */
function Commit({ sha }: { sha: string }) {
  return (
    <span className="font-mono" title={sha}>
      {sha.slice(0, 7)}
    </span>
  );
}

/**
 * Where the task branch is: delivered to the project's repository or remote (which commit, when),
 * not delivered yet, or why its delivery failed and what to do about it.
 */
export function BranchDelivery({ delivery }: { delivery: Delivery }) {
  const { branch, head, deliveredTo, deliveredHead, deliveredAt, error } = delivery;
  if (!branch) return null;
  const delivered = deliveredTo !== null && deliveredHead !== null;
  return (
    <>
      <p className="mt-1 text-sm text-slate-500" data-testid="task-branch">
        Branch <span className="font-mono">{branch}</span>{' '}
        {delivered ? (
          <>
            delivered to <span className="font-mono break-all">{deliveredTo}</span> (commit{' '}
            <Commit sha={deliveredHead} />
            {deliveredAt && <>, {formatDateTime(deliveredAt)}</>})
            {!delivery.upToDate && head && !error && (
              <>
                ; its newer commit <Commit sha={head} /> is not delivered yet
              </>
            )}
          </>
        ) : error ? (
          'not delivered'
        ) : (
          <>
            not delivered yet
            {head && (
              <>
                {' '}
                (commit <Commit sha={head} /> is in the branch store)
              </>
            )}
          </>
        )}
      </p>
      {error && (
        <div className="mt-2 max-w-3xl">
          <Alert tone="warning" testId="task-delivery-error">
            <p className="font-medium">
              {delivered
                ? 'Its newer commits could not be delivered to'
                : 'The branch could not be delivered to'}{' '}
              {deliveredTo ? <span className="font-mono break-all">{deliveredTo}</span> : 'the project'}.
            </p>
            <p className="mt-1 font-mono text-xs whitespace-pre-wrap">{error.trim()}</p>
            <p className="mt-1">
              It is safe in the branch store
              {head && (
                <>
                  {' '}
                  (commit <Commit sha={head} />)
                </>
              )}
              . Fix the access to the project's repository or remote; the worker delivers the branch again
              after the task's next phase.
            </p>
          </Alert>
        </div>
      )}
    </>
  );
}
