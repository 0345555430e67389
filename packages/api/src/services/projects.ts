import { Prisma, type PrismaClient } from '@switchyard/db';
import { networkAllowOf } from '@switchyard/db/network-allow';
import {
  checkProjectPlace,
  localPathOfGitUrl,
  ProjectPlaceError,
  type ProjectPlaces,
} from '@switchyard/db/project-roots';
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
 * A local repository path checked against the host's project places (see checkProjectPlace), and
 * returned resolved; every refusal is a 400 that says what to do.
 */
async function placeOf(
  prisma: PrismaClient,
  places: ProjectPlaces,
  teamId: string,
  repoPath: string,
  defaultBranch: string,
): Promise<string> {
  const others = await prisma.project.findMany({
    where: { teamId: { not: teamId }, repoPath: { not: null } },
    select: { repoPath: true },
  });
  try {
    return await checkProjectPlace(places, {
      repoPath,
      defaultBranch,
      otherTeamsPaths: others.map((p) => p.repoPath!),
    });
  } catch (error) {
    if (error instanceof ProjectPlaceError) throw badRequest(error.message);
    throw error;
  }
}

export async function createProject(
  prisma: PrismaClient,
  places: ProjectPlaces,
  teamId: string,
  input: ProjectInput,
) {
  if (input.repoPath) {
    input = {
      ...input,
      repoPath: await placeOf(prisma, places, teamId, input.repoPath, input.defaultBranch ?? 'main'),
    };
  }
  const cloneFrom = input.gitUrl ? localPathOfGitUrl(input.gitUrl) : null;
  if (cloneFrom) await placeOf(prisma, places, teamId, cloneFrom, input.defaultBranch ?? 'main');
  const checkCommand =
    input.checkCommand !== undefined
      ? input.checkCommand
      : input.repoPath
        ? detectCheckCommand(input.repoPath)
        : null;
  return present(
    await uniqueName(() => prisma.project.create({ data: { ...input, checkCommand, teamId }, select })),
  );
}

export async function updateProject(
  prisma: PrismaClient,
  places: ProjectPlaces,
  teamId: string,
  id: string,
  input: Partial<ProjectInput>,
) {
  const current = await findProject(prisma, teamId, id);
  const repoPath = input.repoPath === undefined ? current.repoPath : input.repoPath;
  const gitUrl = input.gitUrl === undefined ? current.gitUrl : input.gitUrl;
  if (!repoPath && !gitUrl) throw badRequest('A project needs a repository path or a git URL.');
  // A new path or base branch is checked again: the place rules may have changed since.
  const branch = input.defaultBranch ?? current.defaultBranch;
  if (repoPath && (input.repoPath !== undefined || input.defaultBranch !== undefined)) {
    input = { ...input, repoPath: await placeOf(prisma, places, teamId, repoPath, branch) };
  }
  const cloneFrom = gitUrl ? localPathOfGitUrl(gitUrl) : null;
  if (cloneFrom && (input.gitUrl !== undefined || input.defaultBranch !== undefined)) {
    await placeOf(prisma, places, teamId, cloneFrom, branch);
  }
  return present(await uniqueName(() => prisma.project.update({ where: { id }, data: input, select })));
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

async function findProject(prisma: PrismaClient, teamId: string, id: string) {
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
