import { z } from 'zod';
import { roleCan } from '../auth/access-control';
import { idSchema } from '../schemas/routing-settings';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys';
import { router, teamProcedure, writerProcedure } from '../trpc';

export const apiKeysRouter = router({
  /** Returns the key once (`sy_…`); only its hash is stored. */
  create: writerProcedure
    .input(
      z.strictObject({
        name: z.string().trim().min(1).max(100),
        expiresInDays: z.number().int().min(1).max(3650).nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.prisma, { userId: ctx.user.id, teamId: ctx.team.id }, input),
    ),
  list: teamProcedure
    .input(z.void())
    .query(({ ctx }) => listApiKeys(ctx.prisma, { userId: ctx.user.id, teamId: ctx.team.id })),
  revoke: writerProcedure
    .input(z.strictObject({ id: idSchema }))
    .mutation(({ ctx, input }) =>
      revokeApiKey(
        ctx.prisma,
        { userId: ctx.user.id, teamId: ctx.team.id, isAdmin: roleCan(ctx.team.role, 'admin') },
        input.id,
      ),
    ),
});
