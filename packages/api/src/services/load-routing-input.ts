import {
  CREDENTIAL_CREATION_ORDER,
  type PrismaClient,
  protocolFromDb,
  ROUTING_CREDENTIAL_SELECT,
} from '@switchyard/db';
import {
  type CustomProviderDef,
  ProfileRoutingSchema,
  type RoutingInput,
  type TaskRoutingSettings,
  type TeamCredential,
  type WorkerEnv,
} from '@switchyard/providers';
import { z } from 'zod';
import { badRequest, notFound } from '../errors';

export interface RoutingScope {
  teamId: string;
  env: WorkerEnv;
  customProviders: readonly CustomProviderDef[];
}

export interface LoadedRoutingInput {
  input: RoutingInput;
  /** Labels and last four characters of the team's credentials, for describing sources. */
  credentials: (TeamCredential & { last4: string })[];
}

/**
 * Everything routing needs for a draft or stored task, read the way the worker reads it
 * (apps/worker task-context): the task's settings, its profile (built-in or the team's), the
 * team's default provider and credentials (never their secrets), the environment and custom
 * providers. A profile of another team is NOT_FOUND.
 */
export async function loadRoutingInput(
  prisma: PrismaClient,
  scope: RoutingScope,
  task: TaskRoutingSettings,
  profileId: string | null | undefined,
): Promise<LoadedRoutingInput> {
  const [team, rows, profile] = await Promise.all([
    prisma.team.findUniqueOrThrow({ where: { id: scope.teamId }, select: { defaultProvider: true } }),
    prisma.providerCredential.findMany({
      where: { teamId: scope.teamId },
      orderBy: [...CREDENTIAL_CREATION_ORDER],
      select: { ...ROUTING_CREDENTIAL_SELECT, last4: true },
    }),
    profileId
      ? prisma.agentProfile.findFirst({
          where: { id: profileId, OR: [{ teamId: null }, { teamId: scope.teamId }] },
          select: {
            name: true,
            phases: true,
            defaultProvider: true,
            keyWaitMaxSeconds: true,
            keyReservePercent: true,
          },
        })
      : null,
  ]);
  if (profileId && !profile) throw notFound('Agent profile');
  const credentials = rows.map((c) => ({ ...c, protocol: protocolFromDb(c.protocol) }));
  let profileRouting: RoutingInput['profile'] = null;
  if (profile) {
    const parsed = ProfileRoutingSchema.safeParse({
      phases: profile.phases,
      defaultProvider: profile.defaultProvider,
      keyPolicy: { waitMaxSeconds: profile.keyWaitMaxSeconds, reservePercent: profile.keyReservePercent },
    });
    if (!parsed.success)
      throw badRequest(`Agent profile "${profile.name}" is not valid: ${z.prettifyError(parsed.error)}`);
    profileRouting = parsed.data;
  }
  return {
    input: {
      task,
      profile: profileRouting,
      teamDefaultProvider: team.defaultProvider,
      teamCredentials: credentials.map(({ last4: _last4, ...c }) => c),
      env: scope.env,
      customProviders: scope.customProviders,
    },
    credentials,
  };
}
