import type { RunKind } from './kinds';
import type { Complexity, Plan, QaHistory, QaVerdict } from './schemas';

// Pure decisions of the pipeline (ARCHITECTURE.md §3): which run follows which. No I/O.

export interface NextRun {
  kind: RunKind;
  iteration?: number;
  subtaskId?: string;
}

/** Spec steps by complexity: simple → write; standard → context, write; complex → context, write, critique. */
export function nextAfterSpecStep(kind: RunKind, complexity: Complexity | null): NextRun {
  switch (kind) {
    case 'spec.discovery':
      return { kind: 'spec.requirements' };
    case 'spec.requirements':
      return { kind: 'spec.complexity' };
    case 'spec.complexity':
      return { kind: complexity === 'simple' ? 'spec.write' : 'spec.context' };
    case 'spec.context':
      return { kind: 'spec.write' };
    case 'spec.write':
      return complexity === 'complex' ? { kind: 'spec.critique' } : { kind: 'planning.plan' };
    case 'spec.critique':
      return { kind: 'planning.plan' };
    default:
      throw new Error(`${kind} is not a spec step`);
  }
}

/** Subtasks run one after another in plan order (they share one worktree); then QA. */
export function nextAfterSubtask(plan: Plan, finishedSubtaskId: string | null): NextRun {
  const index = finishedSubtaskId === null ? -1 : plan.subtasks.findIndex((s) => s.id === finishedSubtaskId);
  const next = plan.subtasks[index + 1];
  return next ? { kind: 'coding.subtask', subtaskId: next.id } : { kind: 'qa.review', iteration: 1 };
}

export type ReviewOutcome =
  | { kind: 'done' }
  | { kind: 'fix'; next: NextRun }
  | { kind: 'needs_human'; reason: string };

/** How often the same issue may be reported before a human is asked (§3). */
export const REPEATED_ISSUE_LIMIT = 3;

/**
 * After a review: approved → done; the same issue reported REPEATED_ISSUE_LIMIT times, or no
 * iterations left → needs a human; otherwise a fixer run, then another review.
 */
export function outcomeOfReview(
  verdict: QaVerdict,
  iteration: number,
  history: QaHistory,
  maxIterations: number,
): ReviewOutcome {
  if (verdict.approved) return { kind: 'done' };
  const counts = new Map<string, number>();
  for (const review of history) {
    for (const issue of new Set(review.issues.map(normaliseIssue)))
      counts.set(issue, (counts.get(issue) ?? 0) + 1);
  }
  const repeated = verdict.issues.find(
    (issue) => (counts.get(normaliseIssue(issue.title)) ?? 0) >= REPEATED_ISSUE_LIMIT,
  );
  if (repeated) {
    return {
      kind: 'needs_human',
      reason: `QA reported the same issue ${REPEATED_ISSUE_LIMIT} times: "${repeated.title}". A person needs to look at it.`,
    };
  }
  if (iteration >= maxIterations) {
    return {
      kind: 'needs_human',
      reason: `QA still found ${verdict.issues.length} issue(s) after ${maxIterations} review rounds (the project's limit): ${verdict.issues.map((i) => `"${i.title}"`).join(', ')}.`,
    };
  }
  return { kind: 'fix', next: { kind: 'qa.fix', iteration } };
}

function normaliseIssue(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
