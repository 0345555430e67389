import { overviewRouter } from './routers/overview';
import { router } from './trpc';

/** Every router of the API, one per domain. */
export const appRouter = router({
  overview: overviewRouter,
});

export type AppRouter = typeof appRouter;
