import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_PROVIDERS } from './builtin-profiles';

export const DEMO_TEAM_SLUG = 'demo';
export const DEMO_PROJECT_NAME = 'Offline demo project';

/**
 * The offline demo's team and project (a small repository in .data/ that the launcher creates),
 * so that a newcomer can run a task before entering any key. Idempotent.
 */
export async function seedOfflineDemo(prisma: PrismaClient, repoPath: string, checkCommand: string) {
  const defaultProvider = DEMO_PROVIDERS.coder.id;
  const team = await prisma.team.upsert({
    where: { slug: DEMO_TEAM_SLUG },
    create: { slug: DEMO_TEAM_SLUG, name: 'Demo team', defaultProvider },
    // Installs from before the two demo providers named one provider, `demo`, that is gone.
    update: { defaultProvider },
  });
  const project = await prisma.project.upsert({
    where: { teamId_name: { teamId: team.id, name: DEMO_PROJECT_NAME } },
    create: { teamId: team.id, name: DEMO_PROJECT_NAME, repoPath, defaultBranch: 'main', checkCommand },
    update: { repoPath },
  });
  // A demo project from before projects had check commands gets the demo's.
  if (project.checkCommand === null)
    await prisma.project.update({ where: { id: project.id }, data: { checkCommand } });
  return { team, project };
}
