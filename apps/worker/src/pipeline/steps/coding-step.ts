import { userText } from '@switchyard/providers';
import { commitWorktree, diffAgainstBase } from '../../worktree';
import { ARTIFACTS } from '../kinds';
import { checkBlock, runProjectCheck } from '../project-check';
import { SYSTEM, taskBlock } from '../prompts';
import { StepFailedError } from '../step-errors';
import { nextAfterSubtask } from '../transitions';
import { planOf } from './planning-step';
import { artifact, converse, type StepOutcome, type StepRun } from './step';

/** coding: one fresh agent session per subtask in the task's worktree, then a commit (§3). */
export async function codeSubtask(step: StepRun): Promise<StepOutcome> {
  const plan = planOf(step);
  const subtaskId = step.lease.run.subtaskId;
  const subtask = plan.subtasks.find((s) => s.id === subtaskId);
  if (!subtask) throw new StepFailedError(`Subtask "${subtaskId}" is not in the implementation plan.`);
  const checkCommand = step.context.project.checkCommand?.trim();
  const brief = [
    taskBlock(step.context.task.title, step.context.task.description),
    `# Specification\n${artifact(step, ARTIFACTS.spec) ?? ''}`,
    `# Plan\n${plan.subtasks.map((s) => `${s.id}. ${s.title}${s.id === subtask.id ? '   ← this subtask' : ''}`).join('\n')}`,
    `# Your subtask: ${subtask.id}. ${subtask.title}\n${subtask.description}\n\nAcceptance:\n${subtask.acceptance.map((a) => `- ${a}`).join('\n')}`,
    checkCommand ? `# Project check\nRun \`${checkCommand}\` with Bash to check your work.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const { text } = await converse(step, {
    system: SYSTEM.coder,
    messages: [userText(brief)],
    tools: 'write',
  });
  // The check after each subtask: logged for the user, and kept with the subtask's summary.
  const check = checkCommand ? await runProjectCheck(step) : null;
  const commit = await commitWorktree(step.worktree, `switchyard: subtask ${subtask.id}: ${subtask.title}`);
  step.events.log(commit ? `committed ${commit.slice(0, 12)}` : 'the subtask changed no files', { commit });
  return {
    artifacts: {
      [`coding/subtask-${subtask.id}.md`]: check ? `${text}\n\n${checkBlock(check)}` : text,
      [ARTIFACTS.diff]: await diffAgainstBase(step.worktree),
    },
    routing: step.routing,
    next: [nextAfterSubtask(plan, subtask.id)],
  };
}
