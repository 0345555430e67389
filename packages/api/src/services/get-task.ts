import { type PrismaClient, sqlPoolOf } from '@switchyard/db';
import type { PhaseRouting } from '@switchyard/providers';
import { TRPCError } from '@trpc/server';
import { notFound } from '../errors';
import { dateOf, isoSql, prepared, readJson } from '../sql/prepared';
import type { TaskSummary } from './task-summary';

export const DIFF_ARTIFACT = 'changes.diff';

export interface TaskRunView {
  id: string;
  phase: string;
  kind: string;
  iteration: number;
  subtaskId: string | null;
  status: string;
  /**
   * A summary of the routing decision the run was queued or started with (what the timeline shows);
   * null when not resolved yet or unreadable. The whole decision (trace, calls, thinking settings,
   * fallback targets) is `tasks.runRouting({ taskId, runId })`: docs/decisions/0011.
   */
  routing: RunRoutingSummary | null;
  attempt: number;
  maxAttempts: number;
  inputTokens: number;
  outputTokens: number;
  cacheTokens: number;
  costUsd: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  errorClass: string | null;
  errorMessage: string | null;
}

/** What the phase timeline and the CLI show of a run's routing decision, without its trace. */
export interface RunRoutingSummary {
  /** The provider and model routing chose (before any fallback). */
  provider: string;
  providerLabel: string;
  model: string;
  /** Where the run ended up: the target of the last fallback hop taken, else provider/model. */
  final: { provider: string; model: string };
  /** The fallback hops taken, in order (skipped ones left out): each hop's target. */
  hops: { provider: string; model: string }[];
  /** How many fallback targets the decision had ready. */
  fallbacks: number;
  /** Calls made to a model so far, and how many of them failed. */
  calls: number;
  failedCalls: number;
}

/**
 * Where the task's git branch is. The worker keeps the branch durable in the branch store (one
 * bundle per phase run that committed) and, after each such phase, delivers it: fetches it into the
 * project's repository (a project given by a path) or pushes it to the project's remote (one given
 * by a git URL).
 */
export interface TaskDelivery {
  /** The task branch, `switchyard/<task id>`; null until the worker has created it. */
  branch: string | null;
  /** The base branch commit the task branch started from; null until the branch exists. */
  baseCommit: string | null;
  /** The branch's latest durable commit (in the branch store); null until a phase has committed. */
  head: string | null;
  /**
   * Where the last delivery put (or, when `error` is set, tried to put) the branch: the project
   * repository's path, or the remote's URL (never with credentials); null before the first delivery.
   */
  deliveredTo: string | null;
  /** The commit the last successful delivery put there; null when none has succeeded yet. */
  deliveredHead: string | null;
  /** When the last successful delivery happened. */
  deliveredAt: Date | null;
  /**
   * Why the last delivery failed; null when it succeeded or none was tried yet. The branch stays in
   * the branch store and the worker delivers it again after the task's next phase.
   */
  error: string | null;
  /** The durable head has been delivered: `deliveredHead === head`, both set. */
  upToDate: boolean;
  /** How many phase runs landed commits in the branch store (one bundle each). */
  landings: number;
}

export interface TaskDetail {
  task: TaskSummary & {
    description: string;
    routing: unknown;
    /** The task branch's name (also `delivery.branch`). */
    branch: string | null;
    /**
     * The worktree of the last phase, on the disk of the worker that ran it: not where the branch
     * is kept (see `delivery`), and not reachable from other machines.
     */
    worktreePath: string | null;
    delivery: TaskDelivery;
  };
  runs: TaskRunView[];
  artifacts: { id: string; name: string; phaseRunId: string | null; size: number; updatedAt: Date }[];
  /** The worktree diff against the base branch, refreshed by the worker after each coding/fix run. */
  diff: { content: string; updatedAt: Date } | null;
}

/**
 * A task of the caller's team with where its branch is, its runs (oldest first, each with a summary
 * of its routing decision), artifact list and latest diff: two prepared statements on node-postgres
 * (docs/decisions/0016), the task as one JSON document and its runs as plain rows.
 */
export async function getTask(prisma: PrismaClient, teamId: string, taskId: string): Promise<TaskDetail> {
  const pool = sqlPoolOf(prisma);
  const row = await readJson<DetailRow>(pool, 'tasks.get', TASK_DETAIL_SQL, [taskId, teamId, DIFF_ARTIFACT]);
  if (!row) throw notFound('Task');
  const { task, artifacts, diff } = row;
  const { rows: runs } = await pool.query<RunRow>({
    ...prepared('tasks.get.runs', TASK_RUNS_SQL, [taskId]),
    rowMode: 'array',
  });
  return {
    task: {
      id: task.id,
      teamId: task.teamId,
      projectId: task.projectId,
      projectName: task.projectName,
      title: task.title,
      status: task.status,
      statusReason: task.statusReason,
      profileId: task.profileId,
      budgetUsd: task.budgetUsd,
      inputTokens: task.inputTokens,
      outputTokens: task.outputTokens,
      cacheTokens: task.cacheTokens,
      costUsd: task.costUsd,
      createdAt: dateOf(task.createdAt),
      updatedAt: dateOf(task.updatedAt),
      finishedAt: dateOf(task.finishedAt),
      description: task.description,
      // Written by the API after validating it (tasks.create, tasks.rerunFromPhase): not parsed again.
      routing: task.routing,
      branch: task.branch,
      worktreePath: task.worktreePath,
      delivery: {
        branch: task.branch,
        baseCommit: task.baseCommit,
        head: task.branchHead,
        deliveredTo: task.deliveredTo === null ? null : withoutCredentials(task.deliveredTo),
        deliveredHead: task.deliveredHead,
        deliveredAt: dateOf(task.deliveredAt),
        error: task.deliveryError === null ? null : withoutCredentials(task.deliveryError),
        upToDate: task.deliveredHead !== null && task.deliveredHead === task.branchHead,
        landings: task.landings,
      },
    },
    runs: runs.map(toRunView),
    artifacts: artifacts.map((a) => ({ ...a, updatedAt: dateOf(a.updatedAt) })),
    diff: diff ? { content: diff.content, updatedAt: dateOf(diff.updatedAt) } : null,
  };
}

/** The JSON TASK_DETAIL_SQL builds: dates as ISO text (isoSql), numbers as JSON numbers. */
interface DetailRow {
  task: Omit<TaskSummary, 'createdAt' | 'updatedAt' | 'finishedAt'> & {
    createdAt: string;
    updatedAt: string;
    finishedAt: string | null;
    description: string;
    routing: Record<string, unknown>;
    branch: string | null;
    worktreePath: string | null;
    baseCommit: string | null;
    branchHead: string | null;
    deliveredTo: string | null;
    deliveredHead: string | null;
    deliveredAt: string | null;
    deliveryError: string | null;
    landings: number;
  };
  artifacts: { id: string; name: string; phaseRunId: string | null; size: number; updatedAt: string }[];
  diff: { content: string; updatedAt: string } | null;
}

/**
 * A run as TASK_RUNS_SQL returns it, as an array in the statement's column order (keep the two in
 * step: task-reads.int.test.ts compares every field with Prisma's reading): the view's fields, dates
 * as ISO text, no duration yet.
 */
type RunRow = [
  id: string,
  phase: string,
  kind: string,
  iteration: number,
  subtaskId: string | null,
  status: string,
  routing: RunRoutingSummary | null,
  attempt: number,
  maxAttempts: number,
  inputTokens: number,
  outputTokens: number,
  cacheTokens: number,
  costUsd: number,
  createdAt: string,
  startedAt: string | null,
  finishedAt: string | null,
  errorClass: string | null,
  errorMessage: string | null,
];

/**
 * tasks.get's first statement ($1 task id, $2 team id, $3 the diff artifact's name): the task, its
 * project's name, how many bundles its branch has, its artifact list and its diff, as one JSON
 * document. Token counts and money come back as doubles (a token count fits one; money is shown to
 * the cent), as the API sends them. Exported so that a test and the benchmark can EXPLAIN it.
 */
export const TASK_DETAIL_SQL = `
  SELECT json_build_object(
    'task', json_build_object(
      'id', t.id, 'teamId', t."teamId", 'projectId', t."projectId", 'projectName', p.name,
      'title', t.title, 'status', t.status, 'statusReason', t."statusReason", 'profileId', t."profileId",
      'budgetUsd', t."budgetUsd"::float8, 'inputTokens', t."inputTokens"::float8,
      'outputTokens', t."outputTokens"::float8, 'cacheTokens', t."cacheTokens"::float8,
      'costUsd', t."costUsd"::float8, 'createdAt', ${isoSql('t."createdAt"')},
      'updatedAt', ${isoSql('t."updatedAt"')}, 'finishedAt', ${isoSql('t."finishedAt"')},
      'description', t.description,
      'routing', CASE WHEN jsonb_typeof(t.routing) = 'object' THEN t.routing ELSE '{}'::jsonb END,
      'branch', t.branch, 'worktreePath', t."worktreePath", 'baseCommit', t."baseCommit",
      'branchHead', t."branchHead", 'deliveredTo', t."deliveredTo", 'deliveredHead', t."deliveredHead",
      'deliveredAt', ${isoSql('t."deliveredAt"')}, 'deliveryError', t."deliveryError",
      -- The number of bundles only: their data is the whole branch.
      'landings', (SELECT count(*) FROM "TaskBranchBundle" b WHERE b."taskId" = t.id)),
    'artifacts', coalesce((
      SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'phaseRunId', a."phaseRunId",
                                        'size', octet_length(a.content), 'updatedAt', ${isoSql('a."updatedAt"')})
                      ORDER BY a.name)
        FROM "Artifact" a WHERE a."taskId" = t.id), '[]'),
    'diff', (SELECT json_build_object('content', a.content, 'updatedAt', ${isoSql('a."updatedAt"')})
               FROM "Artifact" a WHERE a."taskId" = t.id AND a.name = $3)
  )::text AS json
    FROM "Task" t
    JOIN "Project" p ON p.id = t."projectId"
   WHERE t.id = $1 AND t."teamId" = $2`;

/**
 * tasks.get's runs ($1 the task id, which the first statement found in the caller's team), oldest
 * first, as plain rows read as arrays (RunRow: the column order matters): for 200 runs PostgreSQL spent ~4 ms of CPU writing them as JSON, against
 * ~0.8 ms sending rows that node-postgres parses in about the time `JSON.parse` takes. Each run
 * carries the summary of its routing decision that PostgreSQL generates beside it
 * (PhaseRun."routingSummary", a jsonb node-postgres parses): the decision itself (trace, calls,
 * fallback targets: most of its size) is not read. Exported so that the benchmark can EXPLAIN it.
 */
export const TASK_RUNS_SQL = `
  SELECT r.id, r.phase, r.kind, r.iteration, r."subtaskId", r.status, r."routingSummary" AS routing,
         r.attempt, r."maxAttempts", r."inputTokens"::float8 AS "inputTokens",
         r."outputTokens"::float8 AS "outputTokens", r."cacheTokens"::float8 AS "cacheTokens",
         r."costUsd"::float8 AS "costUsd", ${isoSql('r."createdAt"')} AS "createdAt",
         ${isoSql('r."startedAt"')} AS "startedAt", ${isoSql('r."finishedAt"')} AS "finishedAt",
         r."errorClass", r."errorMessage"
    FROM "PhaseRun" r
   WHERE r."taskId" = $1
   ORDER BY r."createdAt" ASC, r.id ASC`;

/** A row of TASK_RUNS_SQL as an array (node-postgres' rowMode 'array'), the view built in one literal. */
function toRunView(r: RunRow): TaskRunView {
  const startedAt = dateOf(r[14]);
  const finishedAt = dateOf(r[15]);
  return {
    id: r[0],
    phase: r[1],
    kind: r[2],
    iteration: r[3],
    subtaskId: r[4],
    status: r[5],
    routing: r[6],
    attempt: r[7],
    maxAttempts: r[8],
    inputTokens: r[9],
    outputTokens: r[10],
    cacheTokens: r[11],
    costUsd: r[12],
    createdAt: dateOf(r[13]),
    startedAt,
    finishedAt,
    durationMs: startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
    errorClass: r[16],
    errorMessage: r[17],
  };
}

/**
 * The whole routing decision of one run of a task of the caller's team ("why this provider?"): every
 * precedence step, the calls made, the fallback hops. Null when the run has none yet. Read as the
 * API and the worker wrote it (validated when written), not parsed again; only the arrays added after
 * the first decisions were stored get their defaults.
 */
export async function getRunRouting(
  prisma: PrismaClient,
  teamId: string,
  taskId: string,
  runId: string,
): Promise<PhaseRouting | null> {
  const run = await prisma.phaseRun.findFirst({
    where: { id: runId, taskId, task: { teamId } },
    select: { routingDecision: true },
  });
  // Also another team's task, or a run of another task: indistinguishable from one that does not exist.
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `Task ${taskId} has no run ${runId}.` });
  const decision = run.routingDecision;
  if (!isObject(decision) || typeof decision.provider !== 'string' || typeof decision.model !== 'string')
    return null;
  const stored = decision as unknown as PhaseRouting;
  return {
    ...stored,
    attempts: Array.isArray(stored.attempts) ? stored.attempts : [],
    hops: Array.isArray(stored.hops)
      ? stored.hops.map((hop) => ({ ...hop, skipped: hop.skipped ?? false }))
      : [],
    // Which pool credential each call used and why (decisions stored before key pools have none).
    keys: Array.isArray(stored.keys) ? stored.keys : [],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `https://user:token@host/…` → `https://host/…` anywhere in the text. The worker stores the remote
 * without credentials; this keeps a token out of the answer should a git message still quote one.
 */
function withoutCredentials(text: string): string {
  return text.replace(/\b(https?:\/\/)[^/\s@]+@/gi, '$1');
}

/** One artifact's content (spec.md, implementation_plan.json, qa_report.md, …). */
export async function getTaskArtifact(prisma: PrismaClient, teamId: string, taskId: string, name: string) {
  const artifact = await prisma.artifact.findFirst({
    where: { taskId, name, task: { teamId } },
    select: { id: true, name: true, phaseRunId: true, content: true, updatedAt: true },
  });
  if (!artifact) throw notFound('Artifact');
  return artifact;
}
