import { type ErrorClass, type Phase, type PrismaClient, readWebSearchSetting } from '@switchyard/db';
import type { ProjectPlaces } from '@switchyard/db/project-places';
import {
  type CustomProviderDef,
  describeCredentialSource,
  type PhaseRouting,
  type WorkerEnv,
} from '@switchyard/providers';
import { BranchMovedError, type BranchStart, restoreTaskBranch } from '../branch-store';
import { credentialStateStore } from '../keys';
import type { Logger } from '../logger';
import type { PhaseHandler, RunLease } from '../queue';
import { type SandboxMode, SandboxUnavailableError, UNSANDBOXED_WARNING } from '../sandbox';
import { redactSecrets, webSearchBackendFor, webSearchLeftOutWarning } from '../tools';
import { ensureProjectClone, ensureTaskWorktree, GitError, verifyProjectPlace } from '../worktree';
import type { Budget, SessionServices } from './agent-session';
import { createSecretLookup } from './credentials';
import { createEventLog } from './event-log';
import { finishStoppedRun, finishSucceededRun, NOTHING_SPENT, spentSince } from './finish-run';
import { isRunKind, RUN_KINDS } from './kinds';
import { resolveRunRouting, routingOfRun, startProblems } from './phase-routing';
import { secureTaskBranch } from './secure-branch';
import { describeProviderFailure, ProviderFailureError, TaskBlockedError } from './step-errors';
import { STEPS, type StepRun } from './steps';
import { loadTaskContext, type TaskContext } from './task-context';

export interface PipelineOptions {
  prisma: PrismaClient;
  secretKey: Buffer;
  /** The worker's environment: credentials read from env (§4.2). */
  env: WorkerEnv;
  customProviders: readonly CustomProviderDef[];
  /** This worker's own folders (WORKER_DATA_DIR): task worktrees and its clones of the projects. */
  dirs: { worktreesDir: string; reposDir: string };
  /** Where projects given by a local path may live on this host (SWITCHYARD_PROJECT_ROOTS). */
  places: ProjectPlaces;
  /** SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE: a team's search URL may be on loopback or a private network. */
  webSearchAllowPrivate?: boolean;
  log: Logger;
  /** WORKER_STREAM_IDLE_MS. */
  streamIdleMs?: number;
  /** SWITCHYARD_SANDBOX (default "on"): "off" is logged on every run and recorded on it. */
  sandbox?: SandboxMode;
  /** The clock for resting pool keys and the sleep for waiting on a reset (tests inject both). */
  clock?: SessionServices['clock'];
}

/** The worker's phase handler: runs one phase run of the pipeline (ARCHITECTURE.md §3). */
export function createPipelineHandler(options: PipelineOptions): PhaseHandler {
  return async (lease) => {
    const { run } = lease;
    const secrets = createSecretLookup(options.prisma, options.secretKey, options.env);
    const events = createEventLog(
      (batch) => lease.appendEvents(batch),
      (text) => redactSecrets(text, [...secrets.seen], options.env),
    );
    let context: TaskContext;
    try {
      context = await loadTaskContext(options.prisma, run.taskId);
    } catch (error) {
      if (!(error instanceof TaskBlockedError)) throw error; // e.g. the database: the queue retries
      const stopped = {
        runStatus: 'blocked',
        taskStatus: 'blocked',
        reason: error.message,
        routing: null,
      } as const;
      return finishStoppedRun(lease, stopped, NOTHING_SPENT);
    }
    secrets.forTeam(context.task.teamId);
    const environment = { env: options.env, customProviders: options.customProviders };
    const routingFor = (phase: Phase) => resolveRunRouting(phase, context.routing, environment);
    let routing: PhaseRouting = routingOfRun(run.routingDecision, run.phase, context.routing, environment);
    const budget: Budget = {
      limitUsd: context.task.budgetUsd === null ? null : Number(context.task.budgetUsd),
      spentUsd: Number(context.task.costUsd),
      inputTokens: 0,
      outputTokens: 0,
      cacheTokens: 0,
    };
    const before = { ...budget };
    const stop: Stop = (taskStatus, reason, errorClass) =>
      finishStoppedRun(
        lease,
        {
          runStatus: taskStatus === 'failed' ? 'failed' : 'blocked',
          taskStatus,
          reason,
          errorClass,
          routing,
        },
        spentSince(before, budget),
      );

    if (!isRunKind(run.kind))
      return stop(
        'failed',
        `Unknown phase run kind "${run.kind}": this worker is older than the one that queued it.`,
      );
    events.routing(routingSummary(routing, context.teamCredentials));
    const problems = startProblems(routing);
    if (problems.length > 0) return stop('blocked', problems.join('\n'));
    const sandbox = options.sandbox ?? 'on';
    if (sandbox === 'off') events.log(UNSANDBOXED_WARNING, { sandbox: 'off' });

    try {
      const project = await verifyProjectPlace(options.prisma, context.project, options.places);
      // The task branch's durable state, rebuilt in this worker's clone: no other worker's disk needed.
      const clone = await ensureProjectClone(project, options.dirs.reposDir);
      const start = await restoreTaskBranch(options.prisma, clone, run.taskId, project);
      const worktree = await ensureTaskWorktree(clone, run.taskId, options.dirs.worktreesDir, start);
      await markTaskRunning(lease, worktree, sandbox, start);
      // The team's search backend, queried from this host (never from the sandbox).
      const webSearch = readWebSearchSetting(context.task.team.webSearch);
      const services: SessionServices = {
        env: options.env,
        customProviders: options.customProviders,
        webSearch: webSearchBackendFor(webSearch.setting, {
          log: options.log,
          allowPrivate: options.webSearchAllowPrivate,
        }),
        webSearchLeftOut: webSearchLeftOutWarning(context.task.team.name, webSearch.problem),
        getApiKey: async (target, member) => secrets.getApiKey(target, member),
        keyStore: credentialStateStore(options.prisma),
        clock: options.clock,
        knownSecrets: secrets.seen,
        streamIdleMs: options.streamIdleMs,
        sandbox,
      };
      const step: StepRun = { kind: run.kind, lease, context, routing, worktree, services, events, budget };
      try {
        const outcome = await STEPS[run.kind](step);
        const where = { project, clone, worktree, start };
        const delivery = await secureTaskBranch(lease, events, where, Boolean(outcome.taskEnd));
        await finishSucceededRun(lease, outcome, spentSince(before, budget), routingFor, delivery);
      } finally {
        routing = step.routing;
      }
    } catch (error) {
      if (lease.signal.aborted) throw lease.signal.reason; // cancel, lease lost or shutdown: the loop settles it
      if (error instanceof ProviderFailureError) routing = error.routing ?? routing;
      await handleFailure(error, lease, stop, routing);
    }
  };
}

/** Ends the run and stops its task with a reason; spending so far is recorded. */
type Stop = (
  taskStatus: 'failed' | 'blocked' | 'needs_human',
  reason: string,
  errorClass?: ErrorClass | null,
) => Promise<void>;

/**
 * Blocked (not retried) when retrying cannot help: a missing key, no quota, the budget, a project
 * misconfiguration. Transient failures go back to the queue while attempts remain; the last one
 * stops the task, a coding subtask as "stuck" (§3).
 */
async function handleFailure(
  error: unknown,
  lease: RunLease,
  stop: Stop,
  routing: PhaseRouting,
): Promise<void> {
  const { run } = lease;
  const lastAttempt = run.attempt >= run.maxAttempts;
  if (error instanceof TaskBlockedError) return stop('blocked', error.message, error.errorClass);
  if (error instanceof GitError) return stop('blocked', error.message);
  if (error instanceof BranchMovedError && !lastAttempt) throw error; // the retry starts from the new head
  if (error instanceof SandboxUnavailableError) return stop('blocked', error.message);
  if (error instanceof ProviderFailureError) {
    if (error.retryable && !lastAttempt) throw error; // transient: the queue retries with a backoff
    return stop(
      'blocked',
      describeProviderFailure(error.info, routing.providerLabel, routing.model),
      error.info.class,
    );
  }
  if (!lastAttempt) throw error;
  const message = error instanceof Error ? error.message : String(error);
  if (run.kind === 'coding.subtask') {
    return stop('blocked', `Subtask ${run.subtaskId} is stuck after ${run.attempt} attempts: ${message}`);
  }
  return stop(
    'failed',
    `${RUN_KINDS[run.kind as keyof typeof RUN_KINDS] ?? run.phase} step ${run.kind} failed after ${run.attempt} attempts: ${message}`,
  );
}

/**
 * The task is running, in this worktree (first run of a task, or a resumed one); the run says how.
 * The task's first phase fixes its base commit: every later phase, on any worker, builds on it.
 */
async function markTaskRunning(
  lease: RunLease,
  worktree: { path: string; branch: string },
  sandbox: SandboxMode,
  start: BranchStart,
): Promise<void> {
  await lease.withFencedTransaction(async (tx) => {
    if (sandbox === 'off')
      await tx.phaseRun.update({ where: { id: lease.run.id }, data: { unsandboxed: true } });
    await tx.task.updateMany({
      where: { id: lease.run.taskId, status: { in: ['queued', 'running'] } },
      data: { status: 'running', worktreePath: worktree.path, branch: worktree.branch },
    });
    if (!start.recorded.baseCommit) {
      await tx.task.updateMany({
        where: { id: lease.run.taskId, baseCommit: null },
        data: { baseCommit: start.baseCommit },
      });
    }
  });
}

/** The routing event of a run: what the log shows under "why this provider?" (names, never secrets). */
function routingSummary(routing: PhaseRouting, credentials: TaskContext['teamCredentials']) {
  const source = routing.credential;
  const used = 'credentialId' in source ? credentials.find((c) => c.id === source.credentialId) : undefined;
  return {
    phase: routing.phase,
    provider: routing.provider,
    providerLabel: routing.providerLabel,
    protocol: routing.protocol,
    model: routing.model,
    baseUrl: routing.baseUrl,
    thinking: routing.thinking,
    credential:
      routing.pool && routing.pool.length > 1
        ? `pool of ${routing.pool.length} team credentials (${routing.pool.map((m) => `"${m.label}"`).join(', ')})`
        : describeCredentialSource(source, used?.label),
    fallbacks: routing.fallbacks.map((f) => ({ provider: f.provider, model: f.model })),
    warnings: routing.warnings,
    trace: routing.trace,
  };
}
