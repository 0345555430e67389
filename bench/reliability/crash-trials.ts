// Crash trials: real worker processes (concurrency 1, so one process holds one run) are killed with
// SIGKILL at a random instant while they hold a run of a given phase, until every phase has had its
// trials; a replacement process starts after each kill. Every task must still finish, with no
// committed event lost and nothing done twice.
import type { Phase } from '@switchyard/db';
import { type FakeResponder, greeterResponder } from '@switchyard/fake-llm';
import type { SpawnedWorker } from '../../apps/worker/test/support/spawn-worker';
import { isAlive, sleep, startPipelineStack, type WorkerOptions, waitUntil } from './pipeline-stack';
import { auditTasks, type TaskAudit } from './task-audit';

export const PHASES: Phase[] = ['spec', 'planning', 'coding', 'qa'];

export interface CrashSettings {
  trialsPerPhase: number;
  workers: number;
  worker: WorkerOptions;
  /** The kill comes this long (uniformly at most) after the run is first seen running. */
  maxKillDelayMs: number;
}

export interface CrashTrial {
  /** The phase whose run the process held when it died (what the kill actually hit). */
  phase: Phase;
  kind: string;
  runId: string;
  taskId: string;
  killedAt: number;
  /** Events of the run committed before the kill: they must all still be there at the end. */
  committedEventIds: bigint[];
}

export interface CrashResult {
  settings: CrashSettings;
  trials: CrashTrial[];
  /** Kills that landed after the run had ended (the process held no run): not counted as trials. */
  missedKills: number;
  audits: TaskAudit[];
  /** Events committed before some kill (each counted once). */
  committedBeforeKills: number;
  /** Committed before a kill, gone at the end. */
  lostEvents: number;
  /** Kill → the run's next attempt started (database clock; same host). */
  resumeMs: number[];
  workersStarted: number;
  durationMs: number;
}

/** Each LLM call takes 100–400 ms, so a run lasts long enough for a kill to land inside it. */
const slowDemo: FakeResponder = async (request) => {
  const turn = await greeterResponder(request);
  return turn.kind === 'reply' ? { ...turn, delayMs: 100 + Math.floor(Math.random() * 300) } : turn;
};

interface RunningRow {
  id: string;
  taskId: string;
  phase: Phase;
  kind: string;
  leaseOwner: string;
}

export async function runCrashTrials(
  serverUrl: string,
  settings: CrashSettings,
  log: (line: string) => void,
): Promise<CrashResult> {
  const started = Date.now();
  const stack = await startPipelineStack(serverUrl, 'bench_crash', slowDemo);
  const prisma = stack.db.prisma;
  const pool = new Map<string, SpawnedWorker>();
  let spawned = 0;
  const spawn = async () => {
    const worker = await stack.startWorker(`crash-worker-${++spawned}`, settings.worker);
    pool.set(worker.workerId, worker);
  };
  const trials: CrashTrial[] = [];
  let missedKills = 0;
  const inFlight = new Map<Phase, number>(PHASES.map((p) => [p, 0]));
  const landed = (phase: Phase) => trials.filter((t) => t.phase === phase).length;
  const wanted = (phase: Phase) => landed(phase) + inFlight.get(phase)! < settings.trialsPerPhase;
  /** task → phases already aimed at (one kill per phase per task keeps every run under maxAttempts). */
  const aimed = new Map<string, Set<Phase>>();
  const taskIds: string[] = [];
  const kills: Promise<void>[] = [];

  const kill = async (target: RunningRow, worker: SpawnedWorker) => {
    await sleep(Math.random() * settings.maxKillDelayMs);
    const killedAt = Date.now();
    worker.child.kill('SIGKILL');
    await worker.exited;
    pool.delete(worker.workerId);
    // The process is dead: whatever run it still held is the one the kill interrupted.
    const held = await prisma.phaseRun.findFirst({
      where: { status: 'running', leaseOwner: worker.workerId },
      select: { id: true, taskId: true, phase: true, kind: true },
    });
    inFlight.set(target.phase, inFlight.get(target.phase)! - 1);
    if (held) {
      const events = await prisma.phaseEvent.findMany({
        where: { phaseRunId: held.id },
        select: { id: true },
      });
      aimed.get(held.taskId)?.add(held.phase);
      trials.push({
        phase: held.phase,
        kind: held.kind,
        runId: held.id,
        taskId: held.taskId,
        killedAt,
        committedEventIds: events.map((e) => e.id),
      });
    } else missedKills += 1;
    await spawn();
  };

  try {
    for (let i = 0; i < settings.workers; i++) await spawn();
    const done = () => PHASES.every((p) => landed(p) >= settings.trialsPerPhase);
    const deadline = Date.now() + 8 * 60_000;
    let lastReport = 0;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`crash trials: still short of trials after 8 minutes`);
      // Keep a few more tasks in flight than there are workers, so every worker always holds a run.
      const active = await prisma.task.count({
        where: { id: { in: taskIds }, status: { in: ['queued', 'running'] } },
      });
      for (let i = active; i < settings.workers + 2; i++) {
        const id = await stack.createTask(`Greet crash trial ${taskIds.length + 1}`);
        taskIds.push(id);
        aimed.set(id, new Set());
      }
      const running = await prisma.$queryRaw<RunningRow[]>`
        SELECT id, "taskId", phase::text AS phase, kind, "leaseOwner" FROM "PhaseRun"
         WHERE status = 'running' AND attempt = 1 AND "taskId" = ANY(${taskIds}::text[])`;
      for (const run of running) {
        const worker = pool.get(run.leaseOwner);
        const targets = aimed.get(run.taskId);
        if (!worker || !targets || targets.has(run.phase) || !wanted(run.phase)) continue;
        targets.add(run.phase);
        inFlight.set(run.phase, inFlight.get(run.phase)! + 1);
        pool.delete(worker.workerId); // no second kill aimed at it
        kills.push(kill(run, worker));
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  crash trials: ${PHASES.map((p) => `${p} ${landed(p)}`).join(', ')} (${taskIds.length} tasks)`);
      }
      await sleep(25);
    }
    await Promise.all(kills);
    await waitUntil(
      async () =>
        (await prisma.task.count({
          where: { id: { in: taskIds }, status: { in: ['queued', 'running'] } },
        })) === 0,
      'every crash-trial task to finish',
      3 * 60_000,
    );
    const audits = await auditTasks(stack, taskIds);
    // A run killed twice appears in two trials with overlapping snapshots: count each event once.
    const allIds = [...new Set(trials.flatMap((t) => t.committedEventIds))];
    const still = await prisma.phaseEvent.count({ where: { id: { in: allIds } } });
    // Each start of a run's handler writes its routing event first: the first one after the kill.
    const resumeMs = await Promise.all(
      trials.map(async (t) => {
        const rows = await prisma.$queryRaw<{ at: number | null }[]>`
          SELECT (extract(epoch from min(at)) * 1000)::float8 AS at FROM "PhaseEvent"
           WHERE "phaseRunId" = ${t.runId} AND type = 'routing' AND at > to_timestamp(${t.killedAt / 1000})`;
        return (rows[0]?.at ?? Number.NaN) - t.killedAt;
      }),
    );
    return {
      settings,
      trials,
      missedKills,
      audits,
      committedBeforeKills: allIds.length,
      lostEvents: allIds.length - still,
      resumeMs,
      workersStarted: spawned,
      durationMs: Date.now() - started,
    };
  } finally {
    for (const worker of pool.values()) if (isAlive(worker)) worker.child.kill('SIGTERM');
    await stack.close();
  }
}
