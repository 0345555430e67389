import type { PrismaClient } from '@switchyard/db';

export interface SandboxStatus {
  days: number;
  /** The team's runs in that window whose agent commands ran without the OS sandbox. */
  unsandboxedRuns: number;
  lastUnsandboxedAt: Date | null;
}

/**
 * Whether a worker ran this team's agent commands unsandboxed (SWITCHYARD_SANDBOX=off) lately: the
 * dashboard's warning banner. Workers record it on each run (PhaseRun.unsandboxed).
 */
export async function getSandboxStatus(
  prisma: PrismaClient,
  teamId: string,
  days: number,
): Promise<SandboxStatus> {
  const since = new Date(Date.now() - days * 86_400_000);
  const where = { unsandboxed: true, startedAt: { gte: since }, task: { teamId } };
  const [unsandboxedRuns, last] = await Promise.all([
    prisma.phaseRun.count({ where }),
    prisma.phaseRun.findFirst({ where, orderBy: { startedAt: 'desc' }, select: { startedAt: true } }),
  ]);
  return { days, unsandboxedRuns, lastUnsandboxedAt: last?.startedAt ?? null };
}
