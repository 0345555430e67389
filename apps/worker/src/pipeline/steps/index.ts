import type { RunKind } from '../kinds';
import { codeSubtask } from './coding-step';
import { writePlan } from './planning-step';
import { fix, review } from './qa-steps';
import {
  assessComplexity,
  critiqueSpec,
  discover,
  gatherContext,
  gatherRequirements,
  writeSpec,
} from './spec-steps';
import type { StepOutcome, StepRun } from './step';

export type { StepOutcome, StepRun } from './step';

/** The code that runs each kind of phase run. */
export const STEPS: Record<RunKind, (step: StepRun) => Promise<StepOutcome>> = {
  'spec.discovery': discover,
  'spec.requirements': gatherRequirements,
  'spec.complexity': assessComplexity,
  'spec.context': gatherContext,
  'spec.write': writeSpec,
  'spec.critique': critiqueSpec,
  'planning.plan': writePlan,
  'coding.subtask': codeSubtask,
  'qa.review': review,
  'qa.fix': fix,
};
