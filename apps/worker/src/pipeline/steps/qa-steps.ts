import { type Message, userText } from '@switchyard/providers';
import { commitWorktree, diffAgainstBase } from '../../worktree';
import { ARTIFACTS } from '../kinds';
import { type CheckResult, checkBlock, runProjectCheck, tail } from '../project-check';
import { SYSTEM, taskBlock } from '../prompts';
import { parseAgentJson, type QaHistory, QaHistorySchema, type QaVerdict, QaVerdictSchema } from '../schemas';
import { StepFailedError } from '../step-errors';
import { outcomeOfReview } from '../transitions';
import { artifact, converse, type StepOutcome, type StepRun } from './step';

const VERDICT_CORRECTIONS = 2;

/**
 * qa review: runs the project's check, then a verdict on the diff against the spec and the check's
 * outcome; approved → done, else a fixer run (§3). A failing check is an issue whatever the
 * reviewer says: "approved" must mean the project's own tests pass.
 */
export async function review(step: StepRun): Promise<StepOutcome> {
  const iteration = step.lease.run.iteration;
  const check = await runProjectCheck(step);
  let messages: Message[] = [
    userText(
      [
        taskBlock(step.context.task.title, step.context.task.description),
        `# Specification\n${artifact(step, ARTIFACTS.spec) ?? ''}`,
        `# Changes (diff against ${step.worktree.baseBranch})\n${(await diffAgainstBase(step.worktree)).slice(0, 60_000)}`,
        checkBlock(check),
      ].join('\n\n'),
    ),
  ];
  let verdict: QaVerdict | null = null;
  let text = '';
  for (let round = 0; round <= VERDICT_CORRECTIONS && !verdict; round++) {
    const result = await converse(step, { system: SYSTEM.reviewer, messages, tools: 'read' });
    text = result.text;
    const parsed = parseAgentJson(QaVerdictSchema, text);
    if (parsed.ok) verdict = parsed.value;
    else
      messages = [
        ...result.messages,
        userText(`That verdict is not valid: ${parsed.error}\nReply with the JSON object only.`),
      ];
  }
  if (!verdict)
    throw new StepFailedError(
      `The reviewer did not produce a valid verdict after ${VERDICT_CORRECTIONS + 1} tries.`,
    );

  if (check && !check.passed) verdict = withFailingCheck(verdict, check);

  const history: QaHistory = [
    ...historyOf(step).filter((h) => h.iteration !== iteration),
    { iteration, issues: verdict.issues.map((i) => i.title) },
  ];
  const outcome = outcomeOfReview(verdict, iteration, history, step.context.settings.maxQaIterations);
  step.events.log(
    verdict.approved
      ? `QA round ${iteration}: approved`
      : `QA round ${iteration}: ${verdict.issues.length} issue(s)`,
  );
  const artifacts = {
    [ARTIFACTS.qaReport]: reportMarkdown(verdict, iteration),
    [ARTIFACTS.qaHistory]: JSON.stringify(history, null, 2),
  };
  if (outcome.kind === 'fix') return { artifacts, routing: step.routing, next: [outcome.next] };
  return {
    artifacts,
    routing: step.routing,
    next: [],
    taskEnd:
      outcome.kind === 'done'
        ? { status: 'done' }
        : {
            status: 'needs_human',
            reason:
              check && !check.passed
                ? `${outcome.reason}\nLast output of \`${check.command}\`:\n${tail(check.output, 2_000)}`
                : outcome.reason,
          },
  };
}

/** The failing check as the first issue (one stable title, so a check that keeps failing escalates). */
function withFailingCheck(verdict: QaVerdict, check: CheckResult): QaVerdict {
  const issue = {
    title: `The project's check fails: ${check.command}`,
    detail: `\`${check.command}\` exited with code ${check.exitCode ?? 'none'}. Its output:\n\n\`\`\`\n${tail(check.output, 6_000)}\n\`\`\``,
  };
  return { approved: false, issues: [issue, ...verdict.issues] };
}

/** qa fix: addresses the last review's issues, commits, then another review follows. */
export async function fix(step: StepRun): Promise<StepOutcome> {
  const iteration = step.lease.run.iteration;
  const brief = [
    taskBlock(step.context.task.title, step.context.task.description),
    `# Specification\n${artifact(step, ARTIFACTS.spec) ?? ''}`,
    `# QA report\n${artifact(step, ARTIFACTS.qaReport) ?? ''}`,
    step.context.project.checkCommand
      ? `# Project check\nRun \`${step.context.project.checkCommand}\` with Bash to check your fixes.`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const { text } = await converse(step, {
    system: SYSTEM.fixer,
    messages: [userText(brief)],
    tools: 'write',
  });
  const commit = await commitWorktree(step.worktree, `switchyard: QA fixes, round ${iteration}`);
  step.events.log(commit ? `committed ${commit.slice(0, 12)}` : 'the fixer changed no files', { commit });
  return {
    artifacts: { [`qa/fix-${iteration}.md`]: text, [ARTIFACTS.diff]: await diffAgainstBase(step.worktree) },
    routing: step.routing,
    next: [{ kind: 'qa.review', iteration: iteration + 1 }],
  };
}

function historyOf(step: StepRun): QaHistory {
  const stored = artifact(step, ARTIFACTS.qaHistory);
  const parsed = stored ? QaHistorySchema.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data : [];
}

function reportMarkdown(verdict: QaVerdict, iteration: number): string {
  const lines = [
    `# QA report (round ${iteration})`,
    '',
    verdict.approved ? '**Approved.**' : `**Changes requested:** ${verdict.issues.length} issue(s).`,
    '',
  ];
  for (const issue of verdict.issues) lines.push(`## ${issue.title}`, issue.detail, '');
  return lines.join('\n');
}
