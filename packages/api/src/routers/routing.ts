import { z } from 'zod';
import { notFound } from '../errors';
import { idSchema, routingSettingsInput } from '../schemas/routing-settings';
import { previewRouting } from '../services/preview-routing';
import { router, teamProcedure } from '../trpc';
import { routingScope } from './routing-scope';

export const routingRouter = router({
  /**
   * What tasks.create would decide for a draft (same input minus title/description): per phase the
   * provider, model, protocol, credential source, thinking, base URL, trace, why the provider won,
   * and the validation messages. Creates nothing.
   */
  preview: teamProcedure
    .input(
      z.strictObject({
        projectId: idSchema.nullish(),
        profileId: idSchema.nullish(),
        routing: routingSettingsInput,
        budgetUsd: z.number().positive().max(1_000_000).nullish(),
      }),
    )
    .query(async ({ ctx, input }) => {
      if (input.projectId) {
        const project = await ctx.prisma.project.findFirst({
          where: { id: input.projectId, teamId: ctx.team.id },
          select: { id: true },
        });
        if (!project) throw notFound('Project');
      }
      return previewRouting(ctx.prisma, routingScope(ctx), input);
    }),
});
