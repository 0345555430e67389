import { z } from 'zod';
import { listProviders } from '../services/list-providers';
import { router, teamProcedure } from '../trpc';
import { routingScope } from './routing-scope';

export const providersRouter = router({
  /**
   * Every provider a phase can be routed to (built-in, operator-defined, the team's own), with its
   * known models, aliases, protocol, default base URL and the team's credentials for it.
   */
  list: teamProcedure.input(z.void()).query(({ ctx }) => listProviders(ctx.prisma, routingScope(ctx))),
});
