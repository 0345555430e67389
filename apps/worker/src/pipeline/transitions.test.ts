import { describe, expect, it } from 'vitest';
import type { RunKind } from './kinds';
import type { Complexity } from './schemas';
import { nextAfterSpecStep, nextAfterSubtask, outcomeOfReview } from './transitions';

function specPath(complexity: Complexity): RunKind[] {
  const path: RunKind[] = ['spec.discovery'];
  let kind: RunKind = 'spec.discovery';
  while (kind !== 'planning.plan') {
    kind = nextAfterSpecStep(kind, complexity).kind;
    path.push(kind);
  }
  return path;
}

describe('spec steps are chosen by complexity', () => {
  it('writes the spec straight after assessing a simple task', () => {
    expect(specPath('simple')).toEqual([
      'spec.discovery',
      'spec.requirements',
      'spec.complexity',
      'spec.write',
      'planning.plan',
    ]);
  });

  it('gathers context first for a standard task', () => {
    expect(specPath('standard')).toEqual([
      'spec.discovery',
      'spec.requirements',
      'spec.complexity',
      'spec.context',
      'spec.write',
      'planning.plan',
    ]);
  });

  it('adds a self-critique for a complex task', () => {
    expect(specPath('complex')).toEqual([
      'spec.discovery',
      'spec.requirements',
      'spec.complexity',
      'spec.context',
      'spec.write',
      'spec.critique',
      'planning.plan',
    ]);
  });
});

describe('coding runs one subtask at a time, in plan order, then QA', () => {
  const plan = {
    subtasks: [
      { id: 'a', title: 'A', description: '', acceptance: [] },
      { id: 'b', title: 'B', description: '', acceptance: [] },
    ],
  };

  it('starts with the first subtask and moves to the next', () => {
    expect(nextAfterSubtask(plan, null)).toEqual({ kind: 'coding.subtask', subtaskId: 'a' });
    expect(nextAfterSubtask(plan, 'a')).toEqual({ kind: 'coding.subtask', subtaskId: 'b' });
  });

  it('reviews once the last subtask is done', () => {
    expect(nextAfterSubtask(plan, 'b')).toEqual({ kind: 'qa.review', iteration: 1 });
  });
});

describe('the QA loop', () => {
  const rejected = (title: string) => ({ approved: false, issues: [{ title, detail: '' }] });

  it('finishes the task when the reviewer approves', () => {
    expect(outcomeOfReview({ approved: true, issues: [] }, 1, [], 5)).toEqual({ kind: 'done' });
  });

  it('sends a rejection to a fixer, then to another review', () => {
    expect(outcomeOfReview(rejected('Missing test'), 1, [], 5)).toEqual({
      kind: 'fix',
      next: { kind: 'qa.fix', iteration: 1 },
    });
  });

  it('asks a human once the same issue has been reported three times', () => {
    const history = [1, 2, 3].map((iteration) => ({ iteration, issues: ['Missing test!'] }));
    const outcome = outcomeOfReview(rejected('missing   test'), 3, history, 5);
    expect(outcome.kind).toBe('needs_human');
    expect(outcome.kind === 'needs_human' && outcome.reason).toContain(
      'same issue 3 times: "missing   test"',
    );
  });

  it('asks a human when the iterations run out', () => {
    const outcome = outcomeOfReview(rejected('Flaky'), 5, [{ iteration: 5, issues: ['Flaky'] }], 5);
    expect(outcome).toEqual({
      kind: 'needs_human',
      reason: 'QA still found 1 issue(s) after 5 review rounds (the project\'s limit): "Flaky".',
    });
  });
});
