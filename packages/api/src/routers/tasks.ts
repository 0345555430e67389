import { TaskStatus } from '@switchyard/db';
import { PhaseSchema } from '@switchyard/providers';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { idSchema, routingSettingsInput } from '../schemas/routing-settings';
import { requestTaskCancelForTeam } from '../services/cancel-task';
import { createTask } from '../services/create-task';
import { findTeamTask } from '../services/find-team-task';
import { getRunRouting, getTask, getTaskArtifact } from '../services/get-task';
import { listTaskEvents, taskIsSettled } from '../services/list-task-events';
import { decodeTaskCursor, listTasks } from '../services/list-tasks';
import { rerunFromPhase } from '../services/rerun-from-phase';
import { retryPhase } from '../services/retry-phase';
import { router, teamProcedure, writerProcedure } from '../trpc';
import { routingScope } from './routing-scope';

export const createTaskInput = z.strictObject({
  projectId: idSchema,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(20_000),
  profileId: idSchema.nullish(),
  routing: routingSettingsInput,
  budgetUsd: z.number().positive().max(1_000_000).nullish(),
});

const taskCursor = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const cursor = decodeTaskCursor(value);
    if (!cursor) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor returned by tasks.list' });
      return z.NEVER;
    }
    return cursor;
  });

/** Event ids are PostgreSQL bigints: a larger cursor would fail the query (it was a 500). */
const MAX_EVENT_ID = 2n ** 63n - 1n;

const eventCursor = z
  .string()
  .regex(/^\d{1,19}$/, 'an event id returned by tasks.events')
  .transform((value, ctx) => {
    const id = BigInt(value);
    if (id > MAX_EVENT_ID) {
      ctx.addIssue({
        code: 'custom',
        message: `an event id returned by tasks.events (at most ${MAX_EVENT_ID})`,
      });
      return z.NEVER;
    }
    return id;
  });

const taskId = z.strictObject({ taskId: idSchema });

export const tasksRouter = router({
  /** Resolve + validate routing, then create the task and queue spec.discovery in one transaction. */
  create: writerProcedure
    .input(createTaskInput)
    .mutation(({ ctx, input }) =>
      createTask(ctx.prisma, { ...routingScope(ctx), userId: ctx.user.id }, input),
    ),

  /** The team's tasks, newest first; `nextCursor` fetches the next page. */
  list: teamProcedure
    .input(
      z
        .strictObject({
          status: z.enum(TaskStatus).nullish(),
          projectId: idSchema.nullish(),
          cursor: taskCursor.nullish(),
          limit: z.number().int().min(1).max(100).default(50),
          // Sent by infinite-query clients (the dashboard's board); pages only go forward (older).
          direction: z.enum(['forward', 'backward']).optional(),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listTasks(ctx.prisma, ctx.team.id, input)),

  /** A task with its runs (each with a summary of its routing decision), artifact list and latest diff. */
  get: teamProcedure.input(taskId).query(({ ctx, input }) => getTask(ctx.prisma, ctx.team.id, input.taskId)),

  /** One run's whole routing decision ("why this provider?"); null while the run has none. */
  runRouting: teamProcedure
    .input(z.strictObject({ taskId: idSchema, runId: idSchema }))
    .query(({ ctx, input }) => getRunRouting(ctx.prisma, ctx.team.id, input.taskId, input.runId)),

  /** One artifact's content (markdown, JSON or diff). */
  artifact: teamProcedure
    .input(z.strictObject({ taskId: idSchema, name: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => getTaskArtifact(ctx.prisma, ctx.team.id, input.taskId, input.name)),

  /** Events after a cursor (a global event id), oldest first: poll with the returned cursor. */
  events: teamProcedure
    .input(
      z.strictObject({
        taskId: idSchema,
        after: eventCursor.nullish(),
        limit: z.number().int().min(1).max(1000).default(500),
      }),
    )
    .query(async ({ ctx, input }) => {
      await findTeamTask(ctx.prisma, ctx.team.id, input.taskId);
      return listTaskEvents(ctx.prisma, input.taskId, input.after ?? null, input.limit);
    }),

  /**
   * Live events of a task over SSE (`httpSubscriptionLink`): watches the task (decision 0017), sends
   * what is there, then waits for the worker's NOTIFY (or polls every 250 ms while there is no
   * listening connection or the watch is not recorded) and ends once the task has settled and every
   * event was sent. Each event is `tracked` by its id, so a reconnecting client
   * resumes after the last one it saw (`lastEventId`).
   */
  subscribe: teamProcedure
    .input(z.strictObject({ taskId: idSchema, lastEventId: eventCursor.nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      await findTeamTask(ctx.prisma, ctx.team.id, input.taskId);
      let after = input.lastEventId ?? null;
      // The worker announces new events only of watched tasks (decision 0017): watch before reading.
      const watch = ctx.taskEvents?.watch(input.taskId);
      try {
        await watch?.ready;
        while (!signal?.aborted) {
          // Registered before the reads: a NOTIFY for events committed after them wakes this pass.
          const wake = ctx.taskEvents?.next(input.taskId);
          try {
            const settled = await taskIsSettled(ctx.prisma, input.taskId);
            const { events } = await listTaskEvents(ctx.prisma, input.taskId, after, 500);
            for (const event of events) {
              after = BigInt(event.id);
              yield tracked(event.id, event);
            }
            if (events.length === 0 && settled) return;
            if (events.length === 0) await (wake ? wake.wait(signal) : sleep(250, signal));
          } finally {
            // Also when the client goes away at a yield or a query throws: the hub must not keep it.
            wake?.cancel();
          }
        }
      } finally {
        watch?.release();
      }
    }),

  /** Cancels the task; its running phase is aborted by its worker within seconds. */
  cancel: writerProcedure
    .input(taskId)
    .mutation(({ ctx, input }) => requestTaskCancelForTeam(ctx.prisma, ctx.team.id, input.taskId)),

  /** Queues the last failed/blocked/cancelled run of a phase again. */
  retryPhase: writerProcedure
    .input(z.strictObject({ taskId: idSchema, phase: PhaseSchema }))
    .mutation(({ ctx, input }) => retryPhase(ctx.prisma, routingScope(ctx), input.taskId, input.phase)),

  /** Replaces the task's routing settings and queues the phase's first run. */
  rerunFromPhase: writerProcedure
    .input(
      z.strictObject({
        taskId: idSchema,
        phase: PhaseSchema,
        routing: routingSettingsInput,
        profileId: idSchema.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => rerunFromPhase(ctx.prisma, routingScope(ctx), input)),
});

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
