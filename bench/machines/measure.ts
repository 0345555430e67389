// One round of one configuration: a fresh stack (database, fake-llm, project repository), 8 real
// worker processes on one or two simulated machines, N tasks through the whole pipeline; then the
// figures read back from PostgreSQL and the workers' logs, and every task checked in git.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskBranch } from '../../apps/worker/src/worktree/task-worktree';
import { startPipelineStack, waitUntil } from '../reliability/pipeline-stack';
import { type Claim, type Fleet, startFleet } from './fleet';
import { machinesResponder, partFile } from './responder';

export interface Configuration {
  key: 'one' | 'two';
  label: string;
  /** One entry per worker process: its simulated machine (= its WORKER_DATA_DIR). */
  machines: string[];
}

export const CONFIGURATIONS: Configuration[] = [
  { key: 'one', label: '1 machine × 8 workers (one data folder)', machines: Array(8).fill('m1') },
  {
    key: 'two',
    label: '2 machines × 4 workers (data folders A and B)',
    machines: [...Array(4).fill('A'), ...Array(4).fill('B')],
  },
];

export interface Settings {
  tasks: number;
  /** Coding subtasks per task: each one commits, lands a bundle and delivers the branch. */
  subtasks: number;
  /** WORKER_CONCURRENCY of each process. */
  concurrency: number;
  timeoutMs: number;
}

/** Run by every coding subtask and every QA review, in the sandbox: lists what the subtasks wrote. */
export const CHECK_COMMAND = 'ls part-*.md';

export interface RoundResult {
  config: Configuration['key'];
  round: number;
  tasks: number;
  /** Tasks that ended `done`. */
  done: number;
  /** Phase runs of the tasks (every kind, every status). */
  runs: number;
  /** First run enqueued → last task finished (database rows). */
  wallMs: number;
  /** startedAt − runAfter of every first attempt (ms). */
  pickupMs: number[];
  /** Runs that went back to the queue (attempt > 1): left out of the pickup latency. */
  retried: number;
  /** Per committing phase, from the "Stored …" and "Delivered …" events' details. */
  storeMs: number[];
  deliverMs: number[];
  bundleBytes: number[];
  /** Runs on another machine than the task's previous run. */
  moved: number;
  /** Runs whose machine lacked commits another machine had landed: rebuilt from bundles. */
  restored: number;
  /** Bundles those runs applied. */
  bundlesApplied: number;
  runsPerMachine: Record<string, number>;
  /** coding.subtask run time (finishedAt − startedAt), split by whether it rebuilt from bundles. */
  codingRunMs: { restored: number[]; local: number[] };
  /** finishedAt − startedAt of every succeeded first attempt, by run kind. */
  runMsByKind: Record<string, number[]>;
  /** CPU over the round (ms): the worker processes' own, and their reaped children's (git, bubblewrap). */
  workerCpuMs: { own: number; children: number };
  /** The host's 1-minute load average when the tasks were done (other processes included). */
  loadAtEnd: number;
  llmCalls: number;
  checks: { passed: number; failed: number };
  sandbox: string[];
  warnings: Map<string, number>;
  /** Everything that contradicts "every task done, every commit delivered": fails the bench. */
  problems: string[];
}

export async function measureRound(
  serverUrl: string,
  config: Configuration,
  round: number,
  settings: Settings,
  log: (line: string) => void,
): Promise<RoundResult> {
  const stack = await startPipelineStack(serverUrl, 'bench_machines', machinesResponder(settings.subtasks));
  const prisma = stack.db.prisma;
  const scratch = mkdtempSync(join(tmpdir(), 'switchyard-bench-machines-'));
  let fleet: Fleet | undefined;
  const problems: string[] = [];
  try {
    await prisma.project.update({ where: { id: stack.projectId }, data: { checkCommand: CHECK_COMMAND } });
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: stack.repo, encoding: 'utf8', stdio: 'pipe' }).trim();
    const mainBefore = git('rev-parse', 'main');
    fleet = await startFleet({
      databaseUrl: stack.db.url,
      machines: config.machines,
      scratch,
      concurrency: settings.concurrency,
    });
    const taskIds: string[] = [];
    for (let i = 0; i < settings.tasks; i++)
      taskIds.push(await stack.createTask(`Describe the parts of component ${i + 1}`));
    log(`    ${settings.tasks} tasks queued`);
    let lastLog = Date.now();
    await waitUntil(
      async () => {
        const open = await prisma.task.count({
          where: { id: { in: taskIds }, status: { in: ['queued', 'running'] } },
        });
        if (Date.now() - lastLog > 20_000) {
          lastLog = Date.now();
          log(`    ${settings.tasks - open} of ${settings.tasks} tasks finished`);
        }
        return open === 0 || fleet!.dead().length === config.machines.length;
      },
      'every task to finish',
      settings.timeoutMs,
    ).catch((error: Error) => problems.push(error.message));
    const workerCpuMs = fleet.cpuMs();
    const loadAtEnd = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    const dead = fleet.dead();
    if (dead.length > 0) problems.push(`worker processes exited during the round: ${dead.join(', ')}`);
    await fleet.stop();

    const tasks = await prisma.task.findMany({
      where: { id: { in: taskIds } },
      select: {
        id: true,
        status: true,
        statusReason: true,
        baseCommit: true,
        branchHead: true,
        deliveredHead: true,
        deliveryError: true,
        finishedAt: true,
      },
    });
    const runs = await prisma.phaseRun.findMany({
      where: { taskId: { in: taskIds } },
      select: {
        id: true,
        taskId: true,
        kind: true,
        status: true,
        attempt: true,
        createdAt: true,
        runAfter: true,
        startedAt: true,
        finishedAt: true,
      },
      orderBy: [{ startedAt: 'asc' }],
    });
    const bundles = await prisma.taskBranchBundle.findMany({
      where: { taskId: { in: taskIds } },
      select: { taskId: true, seq: true, phaseRunId: true, commits: true },
    });
    const events = await prisma.$queryRaw<{ phaseRunId: string; payload: Record<string, unknown> }[]>`
      SELECT e."phaseRunId", e.payload
        FROM "PhaseEvent" e JOIN "PhaseRun" r ON r.id = e."phaseRunId"
       WHERE r."taskId" = ANY(${taskIds}::text[]) AND e.type = 'log'
         AND (e.payload->>'message' LIKE 'Stored %' OR e.payload->>'message' LIKE 'Delivered %'
              OR e.payload->>'message' LIKE 'Could not deliver %' OR e.payload->'check' IS NOT NULL)`;

    // The branch store's cost, per committing phase.
    const stored = events.filter((e) => String(e.payload.message).startsWith('Stored '));
    const delivered = events.filter((e) => 'ok' in e.payload && 'to' in e.payload);
    for (const e of delivered.filter((d) => d.payload.ok !== true))
      problems.push(`run ${e.phaseRunId}: ${String(e.payload.message)}`);
    const checkEvents = events.filter((e) => {
      const check = e.payload.check as { passed?: boolean } | undefined;
      return check && typeof check.passed === 'boolean';
    });
    const checksPassed = checkEvents.filter((e) => (e.payload.check as { passed: boolean }).passed).length;

    // Which machine ran each run: the last claim of it in the workers' logs.
    const lastClaim = new Map<string, Claim>();
    for (const claim of fleet.claims().sort((a, b) => a.at - b.at)) lastClaim.set(claim.runId, claim);
    const runsPerMachine: Record<string, number> = {};
    for (const claim of lastClaim.values())
      runsPerMachine[claim.machine] = (runsPerMachine[claim.machine] ?? 0) + 1;

    // Branches travelling: walk each task's runs in order, tracking which landed bundles each
    // machine's clone holds (it lands its own; a run restores every bundle its clone lacks).
    let moved = 0;
    let restored = 0;
    let bundlesApplied = 0;
    const codingRunMs = { restored: [] as number[], local: [] as number[] };
    const bundleOfRun = new Map(bundles.map((b) => [b.phaseRunId, b.seq]));
    for (const taskId of taskIds) {
      const own = runs.filter((r) => r.taskId === taskId && r.startedAt);
      const holds = new Map<string, Set<number>>();
      const landed = new Set<number>();
      let previous: string | undefined;
      for (const run of own) {
        const machine = lastClaim.get(run.id)?.machine;
        if (!machine) {
          problems.push(`run ${run.id} (${run.kind}) started, but no worker logged claiming it`);
          continue;
        }
        if (previous && machine !== previous) moved++;
        previous = machine;
        const has = holds.get(machine) ?? new Set<number>();
        const missing = [...landed].filter((seq) => !has.has(seq));
        if (missing.length > 0) {
          restored++;
          bundlesApplied += missing.length;
        }
        for (const seq of landed) has.add(seq);
        const seq = bundleOfRun.get(run.id);
        if (seq !== undefined) {
          landed.add(seq);
          has.add(seq);
        }
        holds.set(machine, has);
        if (run.kind === 'coding.subtask' && run.status === 'succeeded' && run.finishedAt && run.startedAt)
          (missing.length > 0 ? codingRunMs.restored : codingRunMs.local).push(
            run.finishedAt.getTime() - run.startedAt.getTime(),
          );
      }
    }

    // Nothing lost: every task done, its branch in the project holds one commit per subtask.
    if (git('rev-parse', 'main') !== mainBefore) problems.push("the project's main branch moved");
    for (const task of tasks) {
      const where = `task ${task.id}`;
      if (task.status !== 'done') {
        problems.push(`${where} ended ${task.status}: ${task.statusReason ?? '(no reason)'}`);
        continue;
      }
      const branch = taskBranch(task.id);
      let tip = '';
      let commits = -1;
      let files: string[] = [];
      try {
        tip = git('rev-parse', `refs/heads/${branch}`);
        commits = Number(git('rev-list', '--count', `${task.baseCommit}..${branch}`));
        files = git('ls-tree', '--name-only', branch).split('\n');
      } catch (error) {
        problems.push(`${where}: ${branch} is not in the project's repository (${(error as Error).message})`);
        continue;
      }
      if (commits !== settings.subtasks)
        problems.push(`${where}: ${commits} commit(s) on ${branch} past its base, not ${settings.subtasks}`);
      if (tip !== task.branchHead || task.deliveredHead !== task.branchHead)
        problems.push(
          `${where}: project has ${tip.slice(0, 12)}, durable head ${task.branchHead?.slice(0, 12)}, delivered ${task.deliveredHead?.slice(0, 12)}`,
        );
      if (task.deliveryError) problems.push(`${where}: delivery error ${task.deliveryError}`);
      for (let k = 1; k <= settings.subtasks; k++)
        if (!files.includes(partFile(String(k)))) problems.push(`${where}: ${partFile(String(k))} missing`);
      const own = bundles.filter((b) => b.taskId === task.id);
      const bundled = own.reduce((sum, b) => sum + b.commits, 0);
      if (own.length !== settings.subtasks || bundled !== settings.subtasks)
        problems.push(`${where}: ${own.length} bundle(s) holding ${bundled} commit(s) in the branch store`);
      const codingRuns = runs.filter(
        (r) => r.taskId === task.id && r.kind === 'coding.subtask' && r.status === 'succeeded',
      );
      for (const run of codingRuns) {
        if (!stored.some((e) => e.phaseRunId === run.id))
          problems.push(`${where}: run ${run.id} stored nothing`);
        if (!delivered.some((e) => e.phaseRunId === run.id))
          problems.push(`${where}: run ${run.id} delivered nothing`);
      }
    }

    const runMsByKind: Record<string, number[]> = {};
    for (const run of runs) {
      if (run.status !== 'succeeded' || run.attempt !== 1 || !run.startedAt || !run.finishedAt) continue;
      runMsByKind[run.kind] = [
        ...(runMsByKind[run.kind] ?? []),
        run.finishedAt.getTime() - run.startedAt.getTime(),
      ];
    }

    const first = Math.min(...runs.map((r) => r.createdAt.getTime()));
    const last = Math.max(...tasks.map((t) => t.finishedAt?.getTime() ?? Number.NaN));
    const firstAttempts = runs.filter((r) => r.attempt === 1 && r.startedAt);
    return {
      config: config.key,
      round,
      tasks: tasks.length,
      done: tasks.filter((t) => t.status === 'done').length,
      runs: runs.length,
      wallMs: last - first,
      pickupMs: firstAttempts.map((r) => r.startedAt!.getTime() - r.runAfter.getTime()),
      retried: runs.filter((r) => r.attempt > 1).length,
      storeMs: stored.map((e) => Number(e.payload.ms)),
      deliverMs: delivered.map((e) => Number(e.payload.ms)),
      bundleBytes: stored.map((e) => Number(e.payload.bytes)),
      moved,
      restored,
      bundlesApplied,
      runsPerMachine,
      codingRunMs,
      runMsByKind,
      workerCpuMs,
      loadAtEnd,
      llmCalls: stack.llm.requests.length,
      checks: { passed: checksPassed, failed: checkEvents.length - checksPassed },
      sandbox: fleet.sandbox(),
      warnings: fleet.warnings(),
      problems,
    };
  } finally {
    await fleet?.stop();
    await stack.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
