import type { PrismaClient } from '../generated/prisma/client';

export const DEMO_TEAM_SLUG = 'demo';
export const DEMO_PROJECT_NAME = 'Offline demo project';

/**
 * The offline demo's team and project (a small repository in .data/ that the launcher creates),
 * so that a newcomer can run a task before entering any key. Idempotent.
 */
export async function seedOfflineDemo(prisma: PrismaClient, repoPath: string) {
  const team = await prisma.team.upsert({
    where: { slug: DEMO_TEAM_SLUG },
    create: { slug: DEMO_TEAM_SLUG, name: 'Demo team', defaultProvider: 'demo' },
    update: {},
  });
  const project = await prisma.project.upsert({
    where: { teamId_name: { teamId: team.id, name: DEMO_PROJECT_NAME } },
    create: { teamId: team.id, name: DEMO_PROJECT_NAME, repoPath, defaultBranch: 'main' },
    update: { repoPath },
  });
  return { team, project };
}
