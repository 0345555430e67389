import { getOverview } from '../services/get-overview';
import { publicProcedure, router } from '../trpc';

export const overviewRouter = router({
  /** The dashboard's landing data: latest tasks and the agent profiles with their per-phase routing. */
  get: publicProcedure.query(({ ctx }) => getOverview(ctx.prisma)),
});
