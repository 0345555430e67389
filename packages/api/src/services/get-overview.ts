import type { Phase, PrismaClient, TaskStatus } from '@switchyard/db';
import { z } from 'zod';
import { PHASE_ORDER, profilePhasesSchema } from '../schemas/profile-phases';

const LATEST_TASKS = 20;

export interface OverviewTask {
  id: string;
  title: string;
  status: TaskStatus;
  createdAt: Date;
  projectName: string;
}

export interface PhaseRouteSummary {
  phase: Phase;
  provider: string;
  model: string;
}

export interface OverviewProfile {
  id: string;
  name: string;
  description: string;
  /** Built-in profiles (teamId null) are read-only and visible to every team. */
  builtin: boolean;
  /** Per-phase provider and model, in pipeline order; empty when `phasesError` is set. */
  phases: PhaseRouteSummary[];
  /** Why the stored `phases` JSON could not be read, so a broken profile shows instead of vanishing. */
  phasesError: string | null;
}

export interface Overview {
  tasks: OverviewTask[];
  profiles: OverviewProfile[];
  counts: { tasks: number; profiles: number };
}

/**
 * The dashboard's landing data: the built-in profiles for anyone; with a team, also its latest
 * tasks and its own profiles. Never another team's data.
 */
export async function getOverview(prisma: PrismaClient, teamId: string | null): Promise<Overview> {
  const profileWhere = teamId ? { OR: [{ teamId: null }, { teamId }] } : { teamId: null };
  const taskWhere = { teamId: teamId ?? '' };
  const [tasks, profiles, taskCount, profileCount] = await Promise.all([
    prisma.task.findMany({
      where: taskWhere,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LATEST_TASKS,
      select: { id: true, title: true, status: true, createdAt: true, project: { select: { name: true } } },
    }),
    prisma.agentProfile.findMany({
      where: profileWhere,
      // Built-ins first, then team profiles; each in creation order (uuid v7 ids break ties).
      orderBy: [{ teamId: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, description: true, teamId: true, phases: true },
    }),
    prisma.task.count({ where: taskWhere }),
    prisma.agentProfile.count({ where: profileWhere }),
  ]);

  return {
    tasks: tasks.map(({ project, ...task }) => ({ ...task, projectName: project.name })),
    profiles: profiles.map(({ teamId, phases, ...profile }) => ({
      ...profile,
      builtin: teamId === null,
      ...summarisePhases(phases),
    })),
    counts: { tasks: taskCount, profiles: profileCount },
  };
}

function summarisePhases(json: unknown): Pick<OverviewProfile, 'phases' | 'phasesError'> {
  const parsed = profilePhasesSchema.safeParse(json);
  if (!parsed.success) return { phases: [], phasesError: z.prettifyError(parsed.error) };
  return {
    phases: PHASE_ORDER.map((phase) => ({ phase, ...parsed.data[phase] })),
    phasesError: null,
  };
}
