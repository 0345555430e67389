import { userText } from '@switchyard/providers';
import { worktreeGit } from '../../worktree';
import { ARTIFACTS } from '../kinds';
import { previousSteps, SYSTEM, taskBlock } from '../prompts';
import { ComplexitySchema, parseAgentJson } from '../schemas';
import { nextAfterSpecStep } from '../transitions';
import { previousSummaries, summariseStep } from './compaction';
import { artifact, converse, type StepOutcome, type StepRun } from './step';

const SPEC_STEP_ORDER = ['requirements', 'context', 'spec'];

/** Discovery: a scripted index of the repository, no model (§3). */
export async function discover(step: StepRun): Promise<StepOutcome> {
  const files = (await worktreeGit(step.worktree, ['ls-files'])).split('\n').filter(Boolean);
  const byExtension = new Map<string, number>();
  for (const file of files) {
    const ext = file.includes('.') ? file.slice(file.lastIndexOf('.')) : '(none)';
    byExtension.set(ext, (byExtension.get(ext) ?? 0) + 1);
  }
  const topLevel = [...new Set(files.map((f) => f.split('/')[0]))].sort();
  const readme = files.find((f) => /^readme(\.md)?$/i.test(f));
  const readmeText = readme
    ? (await worktreeGit(step.worktree, ['show', `HEAD:${readme}`])).slice(0, 1_500)
    : '';
  const lines = [
    `# Repository index (${files.length} tracked files)`,
    '',
    '## Top level',
    ...topLevel.map((entry) => `- ${entry}`),
    '',
    '## Files by type',
    ...[...byExtension]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([ext, n]) => `- ${ext}: ${n}`),
    '',
    '## Files',
    ...files.slice(0, 300).map((f) => `- ${f}`),
    files.length > 300 ? `- … ${files.length - 300} more` : '',
    readme ? `\n## ${readme} (start)\n${readmeText}` : '',
  ];
  step.events.log(`indexed ${files.length} files in the worktree`);
  return {
    artifacts: { [ARTIFACTS.discovery]: lines.join('\n') },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.discovery', null)],
  };
}

function task(step: StepRun): string {
  return taskBlock(step.context.task.title, step.context.task.description);
}

export async function gatherRequirements(step: StepRun): Promise<StepOutcome> {
  const { text } = await converse(step, {
    system: SYSTEM.requirements,
    messages: [userText(`${task(step)}\n\n${artifact(step, ARTIFACTS.discovery) ?? ''}`)],
    tools: 'read',
  });
  return {
    artifacts: { [ARTIFACTS.requirements]: text, ...(await summariseStep(step, 'requirements', text)) },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.requirements', null)],
  };
}

export async function assessComplexity(step: StepRun): Promise<StepOutcome> {
  const messages = [userText(`${task(step)}${previousSteps(previousSummaries(step, SPEC_STEP_ORDER))}`)];
  let result = await converse(step, { system: SYSTEM.complexity, messages, tools: 'none', maxTurns: 1 });
  let parsed = parseAgentJson(ComplexitySchema, result.text);
  if (!parsed.ok) {
    result = await converse(step, {
      system: SYSTEM.complexity,
      messages: [
        ...result.messages,
        userText(
          `That was not the JSON object asked for (${parsed.error}). Reply with only the JSON object.`,
        ),
      ],
      tools: 'none',
      maxTurns: 1,
    });
    parsed = parseAgentJson(ComplexitySchema, result.text);
  }
  // An unreadable assessment is not worth failing the task: the standard path is the safe middle.
  const assessment = parsed.ok
    ? parsed.value
    : {
        complexity: 'standard' as const,
        reason: `assessment unreadable (${parsed.error}); assumed standard`,
      };
  step.events.log(`complexity: ${assessment.complexity}`, { reason: assessment.reason });
  return {
    artifacts: { [ARTIFACTS.complexity]: JSON.stringify(assessment, null, 2) },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.complexity', assessment.complexity)],
  };
}

export function complexityOf(step: StepRun) {
  const stored = artifact(step, ARTIFACTS.complexity);
  const parsed = stored ? ComplexitySchema.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data.complexity : 'standard';
}

export async function gatherContext(step: StepRun): Promise<StepOutcome> {
  const { text } = await converse(step, {
    system: SYSTEM.context,
    messages: [
      userText(
        `${task(step)}${previousSteps(previousSummaries(step, SPEC_STEP_ORDER))}\n\n${artifact(step, ARTIFACTS.discovery) ?? ''}`,
      ),
    ],
    tools: 'read',
  });
  return {
    artifacts: { [ARTIFACTS.context]: text, ...(await summariseStep(step, 'context', text)) },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.context', complexityOf(step))],
  };
}

export async function writeSpec(step: StepRun): Promise<StepOutcome> {
  const { text } = await converse(step, {
    system: SYSTEM.specWrite,
    messages: [userText(`${task(step)}${previousSteps(previousSummaries(step, SPEC_STEP_ORDER))}`)],
    tools: 'read',
  });
  return {
    artifacts: { [ARTIFACTS.spec]: text },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.write', complexityOf(step))],
  };
}

export async function critiqueSpec(step: StepRun): Promise<StepOutcome> {
  const { text } = await converse(step, {
    system: SYSTEM.specCritique,
    messages: [userText(`${task(step)}\n\n# Specification\n${artifact(step, ARTIFACTS.spec) ?? ''}`)],
    tools: 'read',
  });
  const critique = text.match(/## Critique[\s\S]*?(?=\n# |\n## (?!Critique)|$)/)?.[0] ?? '';
  const spec = critique ? text.replace(critique, '').trim() : text;
  return {
    artifacts: {
      [ARTIFACTS.spec]: spec || (artifact(step, ARTIFACTS.spec) ?? ''),
      [ARTIFACTS.critique]: critique || text,
    },
    routing: step.routing,
    next: [nextAfterSpecStep('spec.critique', 'complex')],
  };
}
