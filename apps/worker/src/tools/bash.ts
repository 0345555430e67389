import os from 'node:os';
import { compileBashAllow } from '@switchyard/db/project-settings';
import { z } from 'zod';
import { checkBashCommand } from './bash-policy';
import { defineTool, toolError } from './definition';
import { capOutput } from './output-cap';
import { runProcessTree } from './process-tree';

const schema = z.object({
  command: z.string().min(1).describe('The bash command line to run in the worktree.'),
  timeout_ms: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Stop the command after this many milliseconds (at most the worker's limit)."),
});

// Keep a margin above the cap so redaction runs before the cut (a secret split by the cut stays hidden).
const REDACTION_MARGIN_BYTES = 64 * 1024;

/**
 * A login shell reads /etc/profile, which on Debian resets PATH for root and would drop the
 * worker's (node_modules/.bin, toolchains): put the worker's PATH back in front of the profile's.
 */
function keepCallerPath(command: string, callerPath: string | undefined): string {
  if (!callerPath) return command;
  return `export PATH='${callerPath.replaceAll("'", "'\\''")}':"$PATH"\n${command}`;
}

export const bashTool = defineTool({
  name: 'Bash',
  description:
    'Run a bash command in the worktree (login shell, no stdin) inside a sandbox: only the worktree is writable, /tmp and HOME are private and empty at each call, no network unless the project allows hosts (through an HTTP(S) proxy). git status/diff/add work; commits are made by the worker when the phase ends (git commit inside fails). Output (stdout and stderr) is capped; the exit code is reported. Processes left running when the command ends, times out or is cancelled are stopped. git push, sudo, git identity or remote changes are refused.',
  schema,
  async run(args, { paths, policy, env, redact, signal, runner }) {
    const allow = policy.bashAllow ? compileBashAllow(policy.bashAllow) : undefined;
    if (typeof allow === 'string') {
      return toolError(
        `the project's Bash allow list has an invalid pattern (${allow}); ask for it to be fixed`,
      );
    }
    const refusal = checkBashCommand(args.command, {
      worktree: paths.root,
      home: runner.env.HOME ?? env.HOME ?? os.homedir(),
      scratch: runner.scratch,
      allow,
    });
    if (refusal) return toolError(`command refused by the worker's command policy: ${refusal}.`);

    const timeoutMs = Math.min(args.timeout_ms ?? policy.bashTimeoutMs, policy.bashTimeoutMs);
    const command = await runner.prepare(['bash', '-lc', keepCallerPath(args.command, runner.env.PATH)], {
      writable: true,
      network: true,
    });
    const result = await runProcessTree(command, {
      timeoutMs,
      signal,
      maxBytes: policy.outputCapBytes + REDACTION_MARGIN_BYTES,
    });
    const text = capOutput(redact(result.output), policy.outputCapBytes, result.droppedBytes);
    const output = text.replace(/\n$/, '') || '(no output)';
    if (result.ended === 'timeout') {
      return toolError(
        `${output}\n[timed out after ${timeoutMs} ms: the command and every process it started were stopped; run something shorter or in smaller steps]`,
      );
    }
    if (result.ended === 'aborted') return toolError(`${output}\n[cancelled: the command was stopped]`);
    if (result.exitCode === 0) return { content: `${output}\n[exit code: 0]` };
    const status =
      result.exitCode === null ? `killed by ${result.exitSignal}` : `exit code: ${result.exitCode}`;
    return toolError(`${output}\n[${status}]`);
  },
});
