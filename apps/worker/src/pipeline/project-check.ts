import { createToolbox } from '../tools';
import type { StepRun } from './steps/step';

export interface CheckResult {
  command: string;
  passed: boolean;
  /** null when the command did not exit on its own (timeout, cancel, killed). */
  exitCode: number | null;
  /** Capped and redacted, with the Bash tool's closing status line. */
  output: string;
}

/** Shown where a check would be, so that "approved" is never mistaken for "tested". */
export const NO_CHECK_COMMAND =
  'This project has no check command, so no tests ran: set one in the project settings (e.g. `npm test`).';

/**
 * Runs the project's check command in the task's worktree through the agent's own Bash tool, so
 * it has the same limits (timeout, output cap, cancel stops the process tree, scrubbed env,
 * redaction) and the same boundary as any command the agent runs. Logs the outcome.
 */
export async function runProjectCheck(step: StepRun): Promise<CheckResult | null> {
  const command = step.context.project.checkCommand?.trim();
  if (!command) {
    step.events.log(NO_CHECK_COMMAND);
    return null;
  }
  step.events.log(`running the project's check: ${command}`, { check: { command } });
  const bash = createToolbox({
    worktree: step.worktree.path,
    secrets: [...step.services.knownSecrets],
    only: ['Bash'],
    sandbox: { mode: step.services.sandbox ?? 'on' },
    policy: { networkAllow: step.context.settings.networkAllow },
  });
  const outcome = await bash.execute(
    { id: 'project-check', name: 'Bash', arguments: { command } },
    { signal: step.lease.signal },
  );
  step.lease.signal.throwIfAborted();
  const output = outcome.content.replace(/^Bash: /, '');
  const exit = output.match(/\[exit code: (\d+)\]\s*$/);
  const exitCode = exit ? Number(exit[1]) : null;
  const result = { command, passed: !outcome.isError && exitCode === 0, exitCode, output };
  step.events.log(
    `check ${result.passed ? 'passed' : 'failed'}: ${command} (exit code ${exitCode ?? 'none'})\n${tail(output, 4_000)}`,
    { check: { command, exitCode, passed: result.passed } },
  );
  return result;
}

/** The end of a long output: test runners print their verdict last. */
export function tail(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `…${text.slice(-maxChars)}`;
}

/** The check as the reviewer and the coder read it. */
export function checkBlock(check: CheckResult | null): string {
  if (!check) return `# Project check\n${NO_CHECK_COMMAND}`;
  return `# Project check\n\`${check.command}\` ${check.passed ? 'passed' : 'FAILED'} (exit code ${check.exitCode ?? 'none'}):\n\`\`\`\n${tail(check.output, 8_000)}\n\`\`\``;
}
