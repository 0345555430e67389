import {
  type AgentEvent,
  type CustomProviderDef,
  type GetApiKey,
  type KeyStore,
  type Message,
  type PhaseRouting,
  runAgent,
  type Sleep,
  type WorkerEnv,
} from '@switchyard/providers';
import type { RunLease } from '../queue';
import type { SandboxMode } from '../sandbox';
import { createToolbox, redactSecrets, type WebSearchBackend } from '../tools';
import type { TaskWorktree } from '../worktree';
import { compactConversation, summariserFor } from './conversation-compaction';
import type { createEventLog } from './event-log';
import { BudgetExceededError, ProviderFailureError, StepFailedError } from './step-errors';
import type { TaskContext } from './task-context';

/** What a session may touch: nothing, read the worktree, or change it. */
export type ToolAccess = 'none' | 'read' | 'write';
const READ_TOOLS = ['Read', 'Glob', 'Grep'];

export interface SessionServices {
  env: WorkerEnv;
  customProviders: readonly CustomProviderDef[];
  /** The task's team's search backend; null: WebSearch is not offered. */
  webSearch: WebSearchBackend | null;
  /** Without a backend: the routing decision's note that WebSearch was left out, and why. */
  webSearchLeftOut?: string;
  getApiKey: GetApiKey;
  /** Shared state of the team's credential pools (docs/decisions/0013). */
  keyStore?: KeyStore;
  /** The clock for resting keys and the sleep for waiting on a reset (tests inject both). */
  clock?: { now: () => Date; sleep: Sleep };
  /** Secret values met so far (decrypted keys): redacted from every output and event. */
  knownSecrets: ReadonlySet<string>;
  /** See WORKER_STREAM_IDLE_MS (default: the providers package's). */
  streamIdleMs?: number;
  /** SWITCHYARD_SANDBOX: where Bash and the check command run (default: in bubblewrap). */
  sandbox?: SandboxMode;
}

export interface SessionInput {
  lease: RunLease;
  routing: PhaseRouting;
  system: string;
  messages: Message[];
  tools: ToolAccess;
  worktree: TaskWorktree | null;
  context: TaskContext;
  events: ReturnType<typeof createEventLog>;
  budget: Budget;
  maxTurns?: number;
}

export interface SessionResult {
  text: string;
  messages: Message[];
  routing: PhaseRouting;
}

/** Spending of this task so far against its budget; updated as calls report usage. */
export interface Budget {
  limitUsd: number | null;
  spentUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheTokens: number;
}

/**
 * One agent session: the model of the run's routing, with the chosen tools in the task's worktree,
 * its events logged (redacted), spending counted against the budget. Throws ProviderFailureError,
 * BudgetExceededError, StepFailedError, or the lease's abort reason (cancel, lease lost, shutdown).
 */
export async function runAgentSession(
  services: SessionServices,
  input: SessionInput,
): Promise<SessionResult> {
  const { lease, budget } = input;
  assertWithinBudget(budget, 0);
  const stop = new AbortController();
  const signal = AbortSignal.any([lease.signal, stop.signal]);
  const secrets = () => [...services.knownSecrets];
  const toolbox =
    input.tools === 'none' || !input.worktree
      ? null
      : createToolbox({
          worktree: input.worktree.path,
          secrets: secrets(),
          webSearch: services.webSearch,
          only: input.tools === 'read' ? READ_TOOLS : undefined,
          sandbox: { mode: services.sandbox ?? 'on' },
          policy: {
            bashAllow: input.context.settings.bashAllow,
            networkAllow: input.context.settings.networkAllow,
            webFetchAllowPrivate: input.context.settings.webFetchAllowPrivate,
          },
        });

  // Like a model without tool calling, a tool left out is noted in the decision (§5), once.
  const leftOut = services.webSearchLeftOut;
  const routing =
    input.tools === 'write' &&
    toolbox &&
    !services.webSearch &&
    leftOut &&
    !input.routing.warnings.includes(leftOut)
      ? { ...input.routing, warnings: [...input.routing.warnings, leftOut] }
      : input.routing;

  let lastCallCost = 0;
  const onEvent = (event: AgentEvent) => {
    input.events.agent(event);
    if (event.type !== 'usage') return;
    lastCallCost = event.costUsd ?? 0;
    budget.spentUsd += lastCallCost;
    budget.inputTokens += event.usage.inputTokens;
    budget.outputTokens += event.usage.outputTokens;
    budget.cacheTokens += event.usage.cacheReadTokens + event.usage.cacheWriteTokens;
    // Stop before a next call that would likely go over: assume it costs what the last one did.
    if (budget.limitUsd !== null && budget.spentUsd + lastCallCost > budget.limitUsd) {
      stop.abort(new BudgetExceededError(budget.limitUsd, budget.spentUsd));
    }
  };

  const callOptions = {
    routing,
    signal,
    onEvent,
    env: services.env,
    getApiKey: services.getApiKey,
    streamIdleMs: services.streamIdleMs,
    keyStore: services.keyStore,
    now: services.clock?.now,
    sleep: services.clock?.sleep,
  };
  const result = await runAgent({
    ...callOptions,
    compact: compactConversation(summariserFor(callOptions), (message) => input.events.log(message)),
    system: input.system,
    messages: input.messages,
    tools: toolbox?.specs,
    executeTool: toolbox
      ? toolbox.execute
      : async (call) => ({ content: `No tools in this step (${call.name}).`, isError: true }),
    maxTurns: input.maxTurns,
  });
  input.events.flush();

  if (result.status === 'completed' && stop.signal.aborted && result.finalText) {
    // The last call was over budget but its answer arrived: keep the work, block the next step.
    return { text: result.finalText, messages: result.messages, routing: result.routing };
  }
  if (result.status === 'cancelled')
    throw stop.signal.aborted ? stop.signal.reason : (lease.signal.reason ?? new Error('cancelled'));
  if (result.status === 'failed' && result.error) {
    throw new ProviderFailureError(
      { ...result.error, message: redactSecrets(result.error.message, secrets()) },
      result.routing,
    );
  }
  if (result.status === 'max_turns') {
    throw new StepFailedError(`The agent did not finish within ${result.turns} model calls.`);
  }
  return { text: result.finalText, messages: result.messages, routing: result.routing };
}

export function assertWithinBudget(budget: Budget, upcomingUsd: number): void {
  if (budget.limitUsd !== null && budget.spentUsd + upcomingUsd >= budget.limitUsd) {
    throw new BudgetExceededError(budget.limitUsd, budget.spentUsd);
  }
}
