import type { PrismaClient } from '@switchyard/db';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError } from 'better-auth/api';
import { organization } from 'better-auth/plugins/organization';
import { provisionUserTeam } from '../services/provision-user-team';
import { accessControl, teamRoles } from './access-control';
import { type SignUpPolicy, signUpRefusal } from './sign-up-policy';

export interface AuthOptions {
  prisma: PrismaClient;
  /** Signs session cookies (see loadAuthSecret). */
  secret: string;
  /** Where the web app is served, e.g. http://localhost:3000. */
  baseURL: string;
  trustedOrigins?: string[];
  /** Who may create an account after the first (signUpPolicyFrom; default: by invitation). */
  signUp?: SignUpPolicy;
}

/**
 * better-auth on our Prisma client: email and password, and the organization plugin mapped onto
 * Team / Membership / Invitation (organizationId → teamId, activeOrganizationId → activeTeamId).
 * API keys are our own (../services/create-api-key.ts): see the package README for why.
 */
export function createAuth({ prisma, secret, baseURL, trustedOrigins, signUp = 'invitation' }: AuthOptions) {
  return betterAuth({
    appName: 'Switchyard',
    secret,
    baseURL,
    basePath: '/api/auth',
    trustedOrigins,
    telemetry: { enabled: false },
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, minPasswordLength: 8 },
    advanced: { database: { generateId: 'uuid' } },
    databaseHooks: {
      user: {
        create: {
          before: async (user, context) => {
            // The invitation id travels in the sign-up request's body (the link's ?invitation=).
            const invitationId = (context?.body as { invitationId?: unknown } | undefined)?.invitationId;
            const refusal = await signUpRefusal(prisma, signUp, user.email, invitationId);
            if (refusal) throw new APIError('FORBIDDEN', { message: refusal });
          },
          after: async (user) => {
            await provisionUserTeam(prisma, user);
          },
        },
      },
      session: {
        create: {
          // A new session starts in the user's oldest team (their own, or the demo team).
          before: async (session) => {
            const first = await prisma.membership.findFirst({
              where: { userId: session.userId },
              orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
              select: { teamId: true },
            });
            return { data: { ...session, activeOrganizationId: first?.teamId ?? null } };
          },
        },
      },
    },
    plugins: [
      organization({
        ac: accessControl,
        roles: teamRoles,
        creatorRole: 'owner',
        schema: {
          organization: { modelName: 'team' },
          member: { modelName: 'membership', fields: { organizationId: 'teamId' } },
          invitation: { modelName: 'invitation', fields: { organizationId: 'teamId' } },
          session: { fields: { activeOrganizationId: 'activeTeamId' } },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
