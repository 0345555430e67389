import { Prisma, type PrismaClient } from '@switchyard/db';
import {
  type CustomProviderDef,
  type ProfilePhases,
  ProfilePhasesSchema,
  registryFor,
  UnknownProviderError,
} from '@switchyard/providers';
import { z } from 'zod';
import { badRequest, forbidden, notFound } from '../errors';
import { teamCredentialsOf } from './credentials';

export interface ProfileView {
  id: string;
  name: string;
  description: string;
  /** Built-ins (teamId null) are read-only and visible to every team. */
  builtin: boolean;
  phases: ProfilePhases;
  /** Why the stored phases could not be read (then `phases` is empty). */
  phasesError: string | null;
  defaultProvider: string | null;
  /** When every credential of a pool rests: the longest wait for a reset, in seconds (docs/decisions/0013). */
  keyWaitMaxSeconds: number;
  /** Leave a credential whose reported remaining requests or tokens fall below this share of its limit (%). */
  keyReservePercent: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfileInput {
  name: string;
  description: string;
  phases: ProfilePhases;
  defaultProvider?: string | null;
  /** Omitted: the default (300) on create, unchanged on update. */
  keyWaitMaxSeconds?: number;
  /** Omitted: the default (5) on create, unchanged on update. */
  keyReservePercent?: number;
}

const select = {
  id: true,
  teamId: true,
  name: true,
  description: true,
  phases: true,
  defaultProvider: true,
  keyWaitMaxSeconds: true,
  keyReservePercent: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.AgentProfileGetPayload<{ select: typeof select }>;

export function toProfileView({ teamId, phases, ...row }: Row): ProfileView {
  const parsed = ProfilePhasesSchema.safeParse(phases);
  return {
    ...row,
    builtin: teamId === null,
    phases: parsed.success ? parsed.data : {},
    phasesError: parsed.success ? null : z.prettifyError(parsed.error),
  };
}

/** Built-ins first, then the team's profiles, each in creation order. */
export async function listProfiles(prisma: PrismaClient, teamId: string): Promise<ProfileView[]> {
  const rows = await prisma.agentProfile.findMany({
    where: { OR: [{ teamId: null }, { teamId }] },
    orderBy: [{ teamId: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }],
    select,
  });
  return rows.map(toProfileView);
}

/** A built-in or a profile of the team; another team's is NOT_FOUND. */
export async function getProfile(prisma: PrismaClient, teamId: string, id: string): Promise<ProfileView> {
  const row = await prisma.agentProfile.findFirst({
    where: { id, OR: [{ teamId: null }, { teamId }] },
    select,
  });
  if (!row) throw notFound('Agent profile');
  return toProfileView(row);
}

interface Scope {
  teamId: string;
  userId: string;
  customProviders: readonly CustomProviderDef[];
}

export async function createProfile(prisma: PrismaClient, scope: Scope, input: ProfileInput) {
  const data = await checkedProfile(prisma, scope, input);
  const row = await uniqueName(() =>
    prisma.agentProfile.create({
      data: { ...data, teamId: scope.teamId, createdById: scope.userId },
      select,
    }),
  );
  return toProfileView(row);
}

export async function updateProfile(prisma: PrismaClient, scope: Scope, id: string, input: ProfileInput) {
  await editableProfile(prisma, scope.teamId, id);
  const data = await checkedProfile(prisma, scope, input);
  const row = await uniqueName(() => prisma.agentProfile.update({ where: { id }, data, select }));
  return toProfileView(row);
}

export async function deleteProfile(prisma: PrismaClient, teamId: string, id: string) {
  await editableProfile(prisma, teamId, id);
  await prisma.agentProfile.delete({ where: { id } });
  return { id };
}

/** Copies a built-in or team profile into the team as "<name> (copy)" (or copy 2, 3, …). */
export async function duplicateProfile(prisma: PrismaClient, scope: Scope, id: string, name?: string | null) {
  const source = await getProfile(prisma, scope.teamId, id);
  if (source.phasesError)
    throw badRequest(`Agent profile "${source.name}" is not valid and cannot be copied.`);
  const taken = new Set(
    (await prisma.agentProfile.findMany({ where: { teamId: scope.teamId }, select: { name: true } })).map(
      (p) => p.name,
    ),
  );
  let copyName = name ?? `${source.name} (copy)`;
  for (let n = 2; !name && taken.has(copyName); n++) copyName = `${source.name} (copy ${n})`;
  return createProfile(prisma, scope, {
    name: copyName,
    description: source.description,
    phases: source.phases,
    defaultProvider: source.defaultProvider,
    keyWaitMaxSeconds: source.keyWaitMaxSeconds,
    keyReservePercent: source.keyReservePercent,
  });
}

async function editableProfile(prisma: PrismaClient, teamId: string, id: string) {
  const row = await prisma.agentProfile.findFirst({
    where: { id, OR: [{ teamId: null }, { teamId }] },
    select: { teamId: true, name: true },
  });
  if (!row) throw notFound('Agent profile');
  if (row.teamId === null)
    throw forbidden(
      `"${row.name}" is a built-in profile and cannot be changed: duplicate it and edit the copy.`,
    );
}

/** Provider ids normalised through the registry (unknown → BAD_REQUEST listing the known ids); credentials must be the team's. */
async function checkedProfile(prisma: PrismaClient, scope: Scope, input: ProfileInput) {
  const credentials = await teamCredentialsOf(prisma, scope.teamId);
  const registry = registryFor({ customProviders: scope.customProviders, teamCredentials: credentials });
  const resolve = (id: string) => {
    try {
      return registry.resolve(id).id;
    } catch (error) {
      if (error instanceof UnknownProviderError) throw badRequest(error.message, error);
      throw error;
    }
  };
  const phases: ProfilePhases = {};
  for (const [phase, config] of Object.entries(input.phases) as [
    keyof ProfilePhases,
    ProfilePhases['spec'],
  ][]) {
    if (!config) continue;
    if (config.credentialId && !credentials.some((c) => c.id === config.credentialId))
      throw notFound(`Credential of the ${phase} phase`);
    phases[phase] = {
      ...config,
      provider: resolve(config.provider),
      fallbacks: config.fallbacks.map((fb) => ({ ...fb, provider: resolve(fb.provider) })),
    };
  }
  return {
    name: input.name,
    description: input.description,
    phases: phases as Prisma.InputJsonValue,
    defaultProvider: input.defaultProvider ? resolve(input.defaultProvider) : null,
    ...(input.keyWaitMaxSeconds !== undefined ? { keyWaitMaxSeconds: input.keyWaitMaxSeconds } : {}),
    ...(input.keyReservePercent !== undefined ? { keyReservePercent: input.keyReservePercent } : {}),
  };
}

async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw badRequest('The team already has a profile with this name: choose another.');
    throw error;
  }
}
