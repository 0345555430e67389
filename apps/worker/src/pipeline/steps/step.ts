import type { Message, PhaseRouting } from '@switchyard/providers';
import type { RunLease } from '../../queue';
import type { TaskWorktree } from '../../worktree';
import {
  type Budget,
  runAgentSession,
  type SessionResult,
  type SessionServices,
  type ToolAccess,
} from '../agent-session';
import type { createEventLog } from '../event-log';
import type { RunKind } from '../kinds';
import type { TaskContext } from '../task-context';
import type { NextRun } from '../transitions';

/** What a step gets: its run, the task, the model routing, and the services to call it. */
export interface StepRun {
  kind: RunKind;
  lease: RunLease;
  context: TaskContext;
  routing: PhaseRouting;
  worktree: TaskWorktree;
  services: SessionServices;
  events: ReturnType<typeof createEventLog>;
  budget: Budget;
}

/** What a step produced; the handler writes it, finishes the run and queues `next` in one transaction. */
export interface StepOutcome {
  artifacts: Record<string, string>;
  /** The routing with this run's attempts and hops appended. */
  routing: PhaseRouting;
  next: NextRun[];
  /** Set when the task ends here. */
  taskEnd?: { status: 'done' | 'needs_human'; reason?: string };
}

/** One model session of the step, with its routing carried forward. */
export async function converse(
  step: StepRun,
  options: { system: string; messages: Message[]; tools: ToolAccess; maxTurns?: number },
): Promise<SessionResult> {
  const result = await runAgentSession(step.services, {
    lease: step.lease,
    routing: step.routing,
    context: step.context,
    worktree: step.worktree,
    events: step.events,
    budget: step.budget,
    ...options,
  });
  step.routing = result.routing;
  return result;
}

export function artifact(step: StepRun, name: string): string | undefined {
  return step.context.artifacts.get(name);
}
