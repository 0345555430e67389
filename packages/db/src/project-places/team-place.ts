import type { PrismaClient } from '../client';

/** A client or a transaction's: the check runs inside the API's locked transaction. */
type ProjectReader = Pick<PrismaClient, 'project' | 'team'>;

import { checkProjectPlace } from './check-place';
import { localPathOfGitUrl, type ProjectPlaces } from './places';

/** What a project reads from this host's disk: its path, or its file:// URL's; null when remote. */
export function localRepositoryOf(project: {
  repoPath: string | null;
  gitUrl: string | null;
}): string | null {
  return project.repoPath ?? (project.gitUrl ? localPathOfGitUrl(project.gitUrl) : null);
}

/** The local repositories of every other team's projects (paths and file:// URLs). */
async function otherTeamsRepositories(prisma: ProjectReader, teamId: string): Promise<string[]> {
  const rows = await prisma.project.findMany({
    where: {
      teamId: { not: teamId },
      OR: [{ repoPath: { not: null } }, { gitUrl: { startsWith: 'file:', mode: 'insensitive' } }],
    },
    select: { repoPath: true, gitUrl: true },
  });
  return rows.map(localRepositoryOf).filter((p): p is string => p !== null);
}

/**
 * The one check the API (when a project is saved) and the worker (before a phase touches the
 * repository) both make: `checkProjectPlace` against every other team's repositories.
 */
export async function checkTeamProjectPlace(
  prisma: ProjectReader,
  places: ProjectPlaces,
  request: { teamId: string; repository: string; defaultBranch: string },
): Promise<string> {
  const team = await prisma.team.findUniqueOrThrow({ where: { id: request.teamId }, select: { slug: true } });
  return checkProjectPlace(places, {
    repoPath: request.repository,
    defaultBranch: request.defaultBranch,
    otherTeamsPaths: await otherTeamsRepositories(prisma, request.teamId),
    teamSlug: team.slug,
  });
}
