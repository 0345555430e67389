import { apiKeysRouter } from './routers/api-keys';
import { credentialsRouter } from './routers/credentials';
import { overviewRouter } from './routers/overview';
import { profilesRouter } from './routers/profiles';
import { projectsRouter } from './routers/projects';
import { providersRouter } from './routers/providers';
import { routingRouter } from './routers/routing';
import { statsRouter } from './routers/stats';
import { tasksRouter } from './routers/tasks';
import { teamsRouter } from './routers/teams';
import { router } from './trpc';

/** Every router of the API, one per domain. */
export const appRouter = router({
  overview: overviewRouter,
  tasks: tasksRouter,
  profiles: profilesRouter,
  credentials: credentialsRouter,
  providers: providersRouter,
  projects: projectsRouter,
  routing: routingRouter,
  teams: teamsRouter,
  apiKeys: apiKeysRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;
