import type { TaskRoutingSettings } from '@switchyard/providers';
import type { Command } from 'commander';
import { openSession } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import { findNamed } from '../flags/find-named';
import { parseRoutingFlags, type RawRoutingFlags } from '../flags/routing-flags';
import { addRoutingOptions } from '../flags/routing-options';
import { parsePhase, parseTaskId } from '../flags/task-flags';
import { formatRequeued, requeuedOf } from '../output/format-task-detail';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

type Options = RawRoutingFlags & { profile?: string; json?: boolean };

export function registerTasksRerun(tasks: Command, ctx: CommandContext): void {
  const command = tasks
    .command('rerun')
    .description(
      'run a finished task again from a phase, with new routing: routing flags replace the task’s (none given: kept)',
    )
    .argument('<ID>', 'the task id')
    .argument('<PHASE>', 'spec, planning, coding or qa: this phase and the ones after it run again')
    .option('--profile <NAME|ID>', 'route by this agent profile from now on');
  addRoutingOptions(command)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id: string, phaseArg: string, opts: Options) => {
      const json = Boolean(opts.json);
      const taskId = parseTaskId(id);
      const phase = parsePhase(phaseArg);
      const { routing, budgetUsd } = parseRoutingFlags(opts);
      if (budgetUsd !== null)
        throw usageError(
          'A rerun keeps the task’s budget: --budget applies to tasks create only.',
          'Drop --budget, or create a new task with the budget you want.',
        );
      const flagsGiven = Object.keys(routing).length > 0;
      const session = await openSession(ctx.rt);
      const profile = opts.profile
        ? findNamed(await session.call((c) => c.profiles.list.query()), opts.profile, 'profile', '--profile')
        : null;
      // The API replaces the routing settings; without flags the task's own are sent back unchanged.
      const kept = flagsGiven
        ? routing
        : ((await session.call((c) => c.tasks.get.query({ taskId }))).task.routing as TaskRoutingSettings);
      const run = await session.call((c) =>
        c.tasks.rerunFromPhase.mutate({
          taskId,
          phase,
          routing: kept,
          ...(profile ? { profileId: profile.id } : {}),
        }),
      );
      const result = requeuedOf(taskId, run);
      printResult(ctx.rt, json, result, () => formatRequeued(result, 'Rerunning', colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });
}
