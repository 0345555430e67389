import { Prisma, type PrismaClient } from '@switchyard/db';
import { networkAllowOf } from '@switchyard/db/network-allow';
import {
  checkTeamProjectPlace,
  localRepositoryOf,
  ProjectPlaceError,
  type ProjectPlaces,
} from '@switchyard/db/project-places';
import { DEFAULT_MAX_QA_ITERATIONS } from '@switchyard/db/project-settings';
import { badRequest, notFound } from '../errors';
import { detectCheckCommand } from './detect-check-command';

export interface ProjectInput {
  name: string;
  repoPath?: string | null;
  gitUrl?: string | null;
  defaultBranch?: string;
  /** null: none; left out at creation: detected from the repository (detectCheckCommand). */
  checkCommand?: string | null;
}

const select = {
  id: true,
  teamId: true,
  name: true,
  repoPath: true,
  gitUrl: true,
  defaultBranch: true,
  checkCommand: true,
  settings: true,
  createdAt: true,
  updatedAt: true,
} as const;

type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof select }>;

/** A project as the API shows it: its settings as named fields, not the raw JSON. */
function present({ settings, ...row }: ProjectRow) {
  const stored = (settings ?? {}) as { maxQaIterations?: unknown; bashAllow?: unknown };
  return {
    ...row,
    networkAllow: networkAllowOf(settings),
    maxQaIterations:
      typeof stored.maxQaIterations === 'number' ? stored.maxQaIterations : DEFAULT_MAX_QA_ITERATIONS,
    /** null: no allow list (any command the worker's policy allows). */
    bashAllow: Array.isArray(stored.bashAllow)
      ? stored.bashAllow.filter((p): p is string => typeof p === 'string')
      : null,
  };
}

export async function listProjects(prisma: PrismaClient, teamId: string) {
  const rows = await prisma.project.findMany({
    where: { teamId },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select,
  });
  return rows.map(present);
}

/**
 * The repository a project reads from this host (its path, or its file:// URL's) checked against
 * the host's project places and every other team's repositories (checkTeamProjectPlace); every
 * refusal is a 400 that says what to do. Returns the path resolved, or null for a remote URL.
 */
async function placeOf(
  tx: Tx,
  places: ProjectPlaces,
  teamId: string,
  project: { repoPath: string | null; gitUrl: string | null; defaultBranch: string },
): Promise<string | null> {
  const repository = localRepositoryOf(project);
  if (!repository) return null;
  try {
    return await checkTeamProjectPlace(tx, places, {
      teamId,
      repository,
      defaultBranch: project.defaultBranch,
    });
  } catch (error) {
    if (error instanceof ProjectPlaceError) throw badRequest(error.message);
    throw error;
  }
}

type Tx = Prisma.TransactionClient;

/** One project saved at a time: two teams cannot both claim one repository between check and write. */
function withPlacesLock<T>(prisma: PrismaClient, write: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard.project-places'))`;
      return write(tx);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export async function createProject(
  prisma: PrismaClient,
  places: ProjectPlaces,
  teamId: string,
  input: ProjectInput,
) {
  const row = await uniqueName(() =>
    withPlacesLock(prisma, async (tx) => {
      const defaultBranch = input.defaultBranch ?? 'main';
      const local = await placeOf(tx, places, teamId, {
        repoPath: input.repoPath ?? null,
        gitUrl: input.gitUrl ?? null,
        defaultBranch,
      });
      const repoPath = input.repoPath ? local : input.repoPath;
      const checkCommand =
        input.checkCommand !== undefined
          ? input.checkCommand
          : repoPath
            ? detectCheckCommand(repoPath)
            : null;
      return tx.project.create({ data: { ...input, repoPath, checkCommand, teamId }, select });
    }),
  );
  return present(row);
}

export async function updateProject(
  prisma: PrismaClient,
  places: ProjectPlaces,
  teamId: string,
  id: string,
  input: Partial<ProjectInput>,
) {
  const row = await uniqueName(() =>
    withPlacesLock(prisma, async (tx) => {
      const current = await findProject(tx, teamId, id);
      const next = {
        repoPath: input.repoPath === undefined ? current.repoPath : input.repoPath,
        gitUrl: input.gitUrl === undefined ? current.gitUrl : input.gitUrl,
        defaultBranch: input.defaultBranch ?? current.defaultBranch,
      };
      if (!next.repoPath && !next.gitUrl) throw badRequest('A project needs a repository path or a git URL.');
      // A new repository or base branch is checked again: the place rules may have changed since.
      const moved =
        input.repoPath !== undefined || input.gitUrl !== undefined || input.defaultBranch !== undefined;
      const local = moved ? await placeOf(tx, places, teamId, next) : null;
      const data = next.repoPath && local ? { ...input, repoPath: local } : input;
      return tx.project.update({ where: { id }, data, select });
    }),
  );
  return present(row);
}

export interface ProjectSettingsInput {
  /** The hosts the agent's commands may reach through the sandbox's proxy; [] (the default): none. */
  networkAllow?: string[];
  /** Review rounds before QA hands the task to a human (default 5). */
  maxQaIterations?: number;
  /** Patterns every Bash command must match; null clears the list. */
  bashAllow?: string[] | null;
}

/** Settings that widen what an agent may do: the router lets only admins change them. */
export async function updateProjectSettings(
  prisma: PrismaClient,
  teamId: string,
  id: string,
  input: ProjectSettingsInput,
) {
  const current = await findProject(prisma, teamId, id);
  // Keys not given (and keys this version does not know) stay as they are.
  const settings: Record<string, unknown> = { ...(current.settings as Record<string, unknown>) };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value === null) delete settings[key];
    else settings[key] = value;
  }
  return present(
    await prisma.project.update({
      where: { id },
      data: { settings: settings as Prisma.InputJsonObject },
      select,
    }),
  );
}

/** Deleting a project deletes its tasks, runs and artifacts (worktrees stay on disk). */
export async function deleteProject(prisma: PrismaClient, teamId: string, id: string) {
  await findProject(prisma, teamId, id);
  await prisma.project.delete({ where: { id } });
  return { id };
}

async function findProject(prisma: Tx, teamId: string, id: string) {
  const row = await prisma.project.findFirst({ where: { id, teamId }, select });
  if (!row) throw notFound('Project');
  return row;
}

async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw badRequest('The team already has a project with this name: choose another.');
    throw error;
  }
}
