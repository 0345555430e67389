import { type Message, userText } from '@switchyard/providers';
import { ARTIFACTS } from '../kinds';
import { SYSTEM, taskBlock } from '../prompts';
import { PlanSchema, parseAgentJson } from '../schemas';
import { StepFailedError } from '../step-errors';
import { nextAfterSubtask } from '../transitions';
import { artifact, converse, type StepOutcome, type StepRun } from './step';

/** How often a malformed plan goes back to the model with its validation errors. */
export const PLAN_CORRECTIONS = 2;

/** planning: `implementation_plan.json`, validated; a malformed plan is sent back to be fixed (§3). */
export async function writePlan(step: StepRun): Promise<StepOutcome> {
  let messages: Message[] = [
    userText(
      `${taskBlock(step.context.task.title, step.context.task.description)}\n\n# Specification\n${artifact(step, ARTIFACTS.spec) ?? ''}`,
    ),
  ];
  for (let round = 0; round <= PLAN_CORRECTIONS; round++) {
    const result = await converse(step, { system: SYSTEM.plan, messages, tools: 'read' });
    const parsed = parseAgentJson(PlanSchema, result.text);
    if (parsed.ok) {
      step.events.log(`plan with ${parsed.value.subtasks.length} subtask(s)`);
      return {
        artifacts: { [ARTIFACTS.plan]: JSON.stringify(parsed.value, null, 2) },
        routing: step.routing,
        next: [nextAfterSubtask(parsed.value, null)],
      };
    }
    step.events.log(`the plan is not valid (round ${round + 1}): ${parsed.error}`);
    messages = [
      ...result.messages,
      userText(`The plan is not valid:\n${parsed.error}\nReply with the corrected JSON object only.`),
    ];
  }
  throw new StepFailedError(
    `The model did not produce a valid implementation plan after ${PLAN_CORRECTIONS + 1} tries.`,
  );
}

export function planOf(step: StepRun) {
  const stored = artifact(step, ARTIFACTS.plan);
  if (!stored) throw new StepFailedError('The implementation plan is missing: rerun the planning phase.');
  return PlanSchema.parse(JSON.parse(stored));
}
