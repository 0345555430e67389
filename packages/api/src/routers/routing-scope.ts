import type { RoutingScope } from '../services/load-routing-input';

/** The routing scope of a team procedure's caller: their team, the server's env and custom providers. */
export function routingScope(ctx: {
  team: { id: string };
  env: RoutingScope['env'];
  customProviders: RoutingScope['customProviders'];
}): RoutingScope {
  return { teamId: ctx.team.id, env: ctx.env, customProviders: ctx.customProviders };
}
