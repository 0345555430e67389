import type { Phase } from '@switchyard/db';

/** Every kind of phase run the pipeline queues (ARCHITECTURE.md §3), and the phase it belongs to. */
export const RUN_KINDS = {
  'spec.discovery': 'spec',
  'spec.requirements': 'spec',
  'spec.complexity': 'spec',
  'spec.context': 'spec',
  'spec.write': 'spec',
  'spec.critique': 'spec',
  'planning.plan': 'planning',
  'coding.subtask': 'coding',
  'qa.review': 'qa',
  'qa.fix': 'qa',
} as const satisfies Record<string, Phase>;

export type RunKind = keyof typeof RUN_KINDS;

export function isRunKind(kind: string): kind is RunKind {
  return Object.hasOwn(RUN_KINDS, kind);
}

/** The first run of every task. */
export const FIRST_RUN_KIND: RunKind = 'spec.discovery';

/** Artifacts the steps write; later steps read them (the artifacts are the pipeline's state). */
export const ARTIFACTS = {
  discovery: 'discovery.md',
  requirements: 'requirements.md',
  complexity: 'complexity.json',
  context: 'context.md',
  spec: 'spec.md',
  critique: 'spec_critique.md',
  plan: 'implementation_plan.json',
  qaReport: 'qa_report.md',
  qaHistory: 'qa_history.json',
  diff: 'changes.diff',
  summary: (step: string) => `summaries/${step}.md`,
} as const;
