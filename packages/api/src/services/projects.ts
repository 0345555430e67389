import { Prisma, type PrismaClient } from '@switchyard/db';
import { networkAllowOf } from '@switchyard/db/network-allow';
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
  return { ...row, networkAllow: networkAllowOf(settings) };
}

export async function listProjects(prisma: PrismaClient, teamId: string) {
  const rows = await prisma.project.findMany({
    where: { teamId },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select,
  });
  return rows.map(present);
}

export async function createProject(prisma: PrismaClient, teamId: string, input: ProjectInput) {
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
  teamId: string,
  id: string,
  input: Partial<ProjectInput>,
) {
  const current = await findProject(prisma, teamId, id);
  const repoPath = input.repoPath === undefined ? current.repoPath : input.repoPath;
  const gitUrl = input.gitUrl === undefined ? current.gitUrl : input.gitUrl;
  if (!repoPath && !gitUrl) throw badRequest('A project needs a repository path or a git URL.');
  return present(await uniqueName(() => prisma.project.update({ where: { id }, data: input, select })));
}

export interface ProjectSettingsInput {
  /** The hosts the agent's commands may reach through the sandbox's proxy; [] (the default): none. */
  networkAllow?: string[];
}

/** Settings that widen what an agent may do: the router lets only admins change them. */
export async function updateProjectSettings(
  prisma: PrismaClient,
  teamId: string,
  id: string,
  input: ProjectSettingsInput,
) {
  const current = await findProject(prisma, teamId, id);
  // Keys this API does not edit yet (maxQaIterations, bashAllow) stay as they are.
  const settings = { ...(current.settings as Record<string, unknown>), ...input };
  return present(await prisma.project.update({ where: { id }, data: { settings }, select }));
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
