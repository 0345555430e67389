import { existsSync } from 'node:fs';
import type { PrismaClient } from '@switchyard/db';
import {
  checkProjectPlace,
  localPathOfGitUrl,
  ProjectPlaceError,
  type ProjectPlaces,
} from '@switchyard/db/project-roots';
import { GitError } from './git';

/**
 * The API checked the project's path when it was saved; the worker checks it again, on its own
 * host's places, before it touches the repository: a row edited in the database, a root the
 * operator removed since, or a symlink swapped afterwards must not widen what a team reaches.
 */
export async function verifyProjectPlace(
  prisma: PrismaClient,
  project: {
    id: string;
    teamId: string;
    name: string;
    repoPath: string | null;
    gitUrl: string | null;
    defaultBranch: string;
  },
  places: ProjectPlaces,
): Promise<void> {
  // Remote git URLs are cloned into the worker's own folder; a file:// one reads this host's disk.
  const local = project.repoPath ?? (project.gitUrl ? localPathOfGitUrl(project.gitUrl) : null);
  // A missing path gets ensureTaskWorktree's own message (or git's, for a clone).
  if (!local || !existsSync(local)) return;
  const others = await prisma.project.findMany({
    where: { teamId: { not: project.teamId }, repoPath: { not: null } },
    select: { repoPath: true },
  });
  try {
    await checkProjectPlace(places, {
      repoPath: local,
      defaultBranch: project.defaultBranch,
      otherTeamsPaths: others.map((p) => p.repoPath!),
    });
  } catch (error) {
    if (!(error instanceof ProjectPlaceError)) throw error;
    throw new GitError(`Project "${project.name}" may not be used on this worker: ${error.message}`);
  }
}
