import { Prisma, type PrismaClient } from '@switchyard/db';
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
  createdAt: true,
  updatedAt: true,
} as const;

export function listProjects(prisma: PrismaClient, teamId: string) {
  return prisma.project.findMany({ where: { teamId }, orderBy: [{ name: 'asc' }, { id: 'asc' }], select });
}

export function createProject(prisma: PrismaClient, teamId: string, input: ProjectInput) {
  const checkCommand =
    input.checkCommand !== undefined
      ? input.checkCommand
      : input.repoPath
        ? detectCheckCommand(input.repoPath)
        : null;
  return uniqueName(() => prisma.project.create({ data: { ...input, checkCommand, teamId }, select }));
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
  return uniqueName(() => prisma.project.update({ where: { id }, data: input, select }));
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
