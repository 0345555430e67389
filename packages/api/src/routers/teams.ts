import { Role } from '@switchyard/db';
import { z } from 'zod';
import { forbidden } from '../errors';
import { idSchema } from '../schemas/routing-settings';
import { teamSettingsInput } from '../schemas/team-settings';
import { updateTeamSettings } from '../services/team-settings';
import {
  acceptInvitation,
  cancelInvitation,
  changeRole,
  getCurrentTeam,
  inviteMember,
  listMembers,
  listMyInvitations,
  removeMember,
  switchActiveTeam,
} from '../services/teams';
import { adminProcedure, authedProcedure, router, teamProcedure } from '../trpc';

const role = z.enum(Role);

export const teamsRouter = router({
  /** The active team, the caller's role in it and every team they belong to. */
  current: teamProcedure
    .input(z.void())
    .query(({ ctx }) => getCurrentTeam(ctx.prisma, ctx.user.id, ctx.team)),
  /** Sets or clears the team's settings (today: the WebSearch backend, a SearXNG URL). */
  updateSettings: adminProcedure
    .input(teamSettingsInput)
    .mutation(({ ctx, input }) => updateTeamSettings(ctx.prisma, ctx.team.id, input)),
  /** Members with their roles, and pending invitations. */
  members: teamProcedure.input(z.void()).query(({ ctx }) => listMembers(ctx.prisma, ctx.team.id)),
  invite: adminProcedure
    .input(z.strictObject({ email: z.email().max(320), role: role.default('member') }))
    .mutation(({ ctx, input }) =>
      inviteMember(ctx.prisma, { userId: ctx.user.id, teamId: ctx.team.id, role: ctx.team.role }, input),
    ),
  cancelInvitation: adminProcedure
    .input(z.strictObject({ invitationId: idSchema }))
    .mutation(({ ctx, input }) => cancelInvitation(ctx.prisma, ctx.team.id, input.invitationId)),
  /** Invitations addressed to the caller's email, from any team. */
  myInvitations: authedProcedure
    .input(z.void())
    .query(({ ctx }) => listMyInvitations(ctx.prisma, ctx.user.email)),
  /** Any signed-in user (no team needed) accepts an invitation addressed to their email. */
  acceptInvitation: authedProcedure
    .input(z.strictObject({ invitationId: idSchema }))
    .mutation(({ ctx, input }) => {
      if (ctx.apiKeyId)
        throw forbidden('An API key acts only within its team: accept invitations in the dashboard.');
      return acceptInvitation(
        ctx.prisma,
        { userId: ctx.user.id, email: ctx.user.email, sessionId: ctx.sessionId },
        input.invitationId,
      );
    }),
  changeRole: adminProcedure
    .input(z.strictObject({ userId: idSchema, role }))
    .mutation(({ ctx, input }) =>
      changeRole(ctx.prisma, { teamId: ctx.team.id, role: ctx.team.role }, input),
    ),
  removeMember: adminProcedure
    .input(z.strictObject({ userId: idSchema }))
    .mutation(({ ctx, input }) =>
      removeMember(ctx.prisma, { teamId: ctx.team.id, role: ctx.team.role }, input.userId),
    ),
  /** Makes another of the caller's teams the session's active team (browser sessions only). */
  switchActive: authedProcedure.input(z.strictObject({ teamId: idSchema })).mutation(({ ctx, input }) => {
    if (!ctx.sessionId)
      throw forbidden('An API key acts only within its team: create a key in the other team.');
    return switchActiveTeam(ctx.prisma, { userId: ctx.user.id, sessionId: ctx.sessionId }, input.teamId);
  }),
});
