import { z } from 'zod';
import { getSandboxStatus } from '../services/sandbox-status';
import { getUsageStats } from '../services/usage-stats';
import { router, teamProcedure } from '../trpc';

export const statsRouter = router({
  /** Tokens and cost per day by provider and phase (the charts view); any member may read. */
  usage: teamProcedure
    .input(z.strictObject({ days: z.number().int().min(1).max(366).default(30) }).default({ days: 30 }))
    .query(({ ctx, input }) => getUsageStats(ctx.prisma, ctx.team.id, input.days)),
  /** How many of the team's recent runs had agent commands outside the OS sandbox (the warning banner). */
  sandbox: teamProcedure
    .input(z.strictObject({ days: z.number().int().min(1).max(90).default(7) }).default({ days: 7 }))
    .query(({ ctx, input }) => getSandboxStatus(ctx.prisma, ctx.team.id, input.days)),
});
