import { userText } from '@switchyard/providers';
import { ARTIFACTS } from '../kinds';
import { SYSTEM } from '../prompts';
import { ProviderFailureError, StepFailedError } from '../step-errors';
import { converse, type StepRun } from './step';

const FALLBACK_CHARS = 2_000;

/**
 * Compaction between spec steps (§3): a ≤ 500-word summary of a step's output, written by the spec
 * phase's own provider and model (never a hard-coded one), so later steps get a short "context from
 * previous steps". If the summary call fails, the first 2,000 characters stand in for it.
 */
export async function summariseStep(
  step: StepRun,
  stepName: string,
  output: string,
): Promise<Record<string, string>> {
  let summary: string;
  try {
    const result = await converse(step, {
      system: SYSTEM.summary,
      messages: [userText(`Summarise the output of the "${stepName}" step:\n\n${output}`)],
      tools: 'none',
      maxTurns: 1,
    });
    summary = result.text.trim() || output.slice(0, FALLBACK_CHARS);
  } catch (error) {
    if (!(error instanceof ProviderFailureError || error instanceof StepFailedError)) throw error;
    step.events.log(
      `summary of ${stepName} failed (${error.message}); using the first ${FALLBACK_CHARS} characters`,
    );
    summary = output.slice(0, FALLBACK_CHARS);
  }
  return { [ARTIFACTS.summary(stepName)]: `## ${stepName}\n${summary}` };
}

/** The summaries written so far, in pipeline order. */
export function previousSummaries(step: StepRun, steps: string[]): string[] {
  return steps
    .map((name) => step.context.artifacts.get(ARTIFACTS.summary(name)))
    .filter((s): s is string => !!s);
}
