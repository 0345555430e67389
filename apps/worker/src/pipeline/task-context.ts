import { loadRoutingCredentials, type PrismaClient } from '@switchyard/db';
import { ProjectSettingsSchema } from '@switchyard/db/project-settings';
import {
  ProfileRoutingSchema,
  type RoutingInput,
  TaskRoutingSettingsSchema,
  type TeamCredential,
} from '@switchyard/providers';
import { z } from 'zod';
import { TaskBlockedError } from './step-errors';

/** Everything a step needs about its task, read once per run. */
export async function loadTaskContext(prisma: PrismaClient, taskId: string) {
  const task = await prisma.task.findUniqueOrThrow({
    where: { id: taskId },
    include: {
      project: true,
      profile: true,
      team: true,
      artifacts: { select: { name: true, content: true } },
    },
  });
  const teamCredentials: TeamCredential[] = await loadRoutingCredentials(prisma, task.teamId);
  const artifacts = new Map(task.artifacts.map((a) => [a.name, a.content]));
  return {
    task,
    project: task.project,
    artifacts,
    teamCredentials,
    routing: {
      task: parseJsonColumn(TaskRoutingSettingsSchema, task.routing, `task ${task.id} routing`),
      profile: task.profile
        ? parseJsonColumn(
            ProfileRoutingSchema,
            {
              phases: task.profile.phases,
              defaultProvider: task.profile.defaultProvider,
              keyPolicy: {
                waitMaxSeconds: task.profile.keyWaitMaxSeconds,
                reservePercent: task.profile.keyReservePercent,
              },
            },
            `profile "${task.profile.name}"`,
          )
        : null,
      teamDefaultProvider: task.team.defaultProvider,
      teamCredentials,
    } satisfies RoutingInput,
    settings: parseJsonColumn(
      ProjectSettingsSchema,
      task.project.settings ?? {},
      `settings of project "${task.project.name}"`,
    ),
  };
}

export type TaskContext = Awaited<ReturnType<typeof loadTaskContext>>;

function parseJsonColumn<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new TaskBlockedError(
      `The stored ${what} is not valid: ${z.prettifyError(parsed.error)}. Fix it, then retry the phase.`,
    );
  }
  return parsed.data;
}
