import { existsSync } from 'node:fs';
import type { PrismaClient } from '@switchyard/db';
import {
  checkTeamProjectPlace,
  localRepositoryOf,
  ProjectPlaceError,
  type ProjectPlaces,
} from '@switchyard/db/project-places';
import { GitError } from './git';

interface PlacedProject {
  id: string;
  teamId: string;
  name: string;
  repoPath: string | null;
  gitUrl: string | null;
  defaultBranch: string;
}

/**
 * The API checked the project's repository when it was saved; the worker checks it again, on its
 * own host's places, before it touches it: a row edited in the database, a root the operator
 * removed since, or a symlink swapped afterwards must not widen what a team reaches. Returns the
 * project with its path resolved, which is what the worker then uses (not the path as stored).
 */
export async function verifyProjectPlace<P extends PlacedProject>(
  prisma: PrismaClient,
  project: P,
  places: ProjectPlaces,
): Promise<P> {
  const repository = localRepositoryOf(project);
  // Remote URLs are cloned into the worker's own folder; a missing path gets ensureTaskWorktree's
  // own message (or git's, for a clone).
  if (!repository || !existsSync(repository)) return project;
  try {
    const resolved = await checkTeamProjectPlace(prisma, places, {
      teamId: project.teamId,
      repository,
      defaultBranch: project.defaultBranch,
    });
    return project.repoPath ? { ...project, repoPath: resolved } : project;
  } catch (error) {
    if (!(error instanceof ProjectPlaceError)) throw error;
    throw new GitError(`Project "${project.name}" may not be used on this worker: ${error.message}`);
  }
}
