import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode } from '../cli-error';
import { parseTaskId } from '../flags/task-flags';
import { printResult } from '../output/print';
import { type CommandContext, JSON_FLAG, JSON_HELP } from './context';

export function registerTasksArtifact(tasks: Command, ctx: CommandContext): void {
  tasks
    .command('artifact')
    .description(
      'print one artifact of a task (spec.md, implementation_plan.json, qa_report.md, changes.diff, …)',
    )
    .argument('<ID>', 'the task id')
    .argument('<NAME>', 'the artifact, as tasks get lists them')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, name: string, opts: { json?: boolean }) => {
      const taskId = parseTaskId(id);
      const session = await openSession(ctx.rt);
      const artifact = await session.call((c) => c.tasks.artifact.query({ taskId, name }));
      printResult(ctx.rt, Boolean(opts.json), artifact, () => artifact.content.trimEnd());
      ctx.finish(ExitCode.ok);
    });
}
