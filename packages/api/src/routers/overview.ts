import { z } from 'zod';
import { getOverview } from '../services/get-overview';
import { publicProcedure, router } from '../trpc';

export const overviewRouter = router({
  /**
   * The dashboard's landing data. Public: signed out it lists the built-in profiles only; signed in,
   * also the caller's team's latest tasks and profiles.
   */
  get: publicProcedure.input(z.void()).query(({ ctx }) => getOverview(ctx.prisma, ctx.team?.id ?? null)),
});
