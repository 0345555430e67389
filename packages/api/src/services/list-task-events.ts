import type { EventType, PrismaClient } from '@switchyard/db';

export interface TaskEvent {
  /** Global, increasing: pass the last one back as `after` to get only newer events. */
  id: string;
  phaseRunId: string;
  phase: string;
  kind: string;
  seq: number;
  at: Date;
  type: EventType;
  payload: unknown;
}

/**
 * A task's events with an id above `after`, oldest first (for polling and the subscription). The
 * caller has checked that the task is its team's.
 */
export async function listTaskEvents(
  prisma: PrismaClient,
  taskId: string,
  after: bigint | null,
  limit: number,
): Promise<{ events: TaskEvent[]; cursor: string | null }> {
  const rows = await prisma.phaseEvent.findMany({
    where: { phaseRun: { taskId }, ...(after !== null ? { id: { gt: after } } : {}) },
    orderBy: { id: 'asc' },
    take: limit,
    include: { phaseRun: { select: { phase: true, kind: true } } },
  });
  const events = rows.map(({ phaseRun, ...event }) => ({
    id: event.id.toString(),
    phaseRunId: event.phaseRunId,
    phase: phaseRun.phase,
    kind: phaseRun.kind,
    seq: event.seq,
    at: event.at,
    type: event.type,
    payload: event.payload,
  }));
  return { events, cursor: events.at(-1)?.id ?? (after !== null ? after.toString() : null) };
}

const TERMINAL = new Set(['done', 'failed', 'cancelled', 'blocked', 'needs_human']);

/** Whether a task has nothing left to run (so a live stream may end once drained). */
export async function taskIsSettled(prisma: PrismaClient, taskId: string): Promise<boolean> {
  const task = await prisma.task.findUnique({
    where: { id: taskId },
    select: {
      status: true,
      _count: { select: { phaseRuns: { where: { status: { in: ['pending', 'running'] } } } } },
    },
  });
  return !task || (TERMINAL.has(task.status) && task._count.phaseRuns === 0);
}
