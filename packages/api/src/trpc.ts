import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { type Permission, roleCan } from './auth/access-control';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  // superjson keeps Dates, BigInts and Decimals intact between server and client.
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Input validation failures carry the zod issues so forms can show them next to their fields.
    const zodError =
      error.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? z.treeifyError(error.cause) : null;
    // Failed routing validation (tasks.create, tasks.rerunFromPhase) carries its issues too.
    const routingIssues = error.cause instanceof RoutingValidationError ? error.cause.issues : null;
    return { ...shape, data: { ...shape.data, zodError, routingIssues } };
  },
});

/** Thrown (as a BAD_REQUEST's cause) when a task's routing fails pre-flight validation (§4.6). */
export class RoutingValidationError extends Error {
  constructor(
    message: string,
    readonly issues: { phase: string; severity: 'error' | 'warning'; code: string; message: string }[],
  ) {
    super(message);
    this.name = 'RoutingValidationError';
  }
}

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

/** Signed in (session cookie or API key). */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in, or pass an API key.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A member of an active team, any role (viewer included): reads. */
export const teamProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.team)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You are not a member of any team. Ask for an invitation.',
    });
  return next({ ctx: { ...ctx, team: ctx.team } });
});

function requiring(permission: Permission, what: string) {
  return teamProcedure.use(({ ctx, next }) => {
    if (!roleCan(ctx.team.role, permission))
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This needs the ${what} role or higher in the team; you are ${ctx.team.role}.`,
      });
    return next();
  });
}

/** member, admin or owner: creating and changing the team's work. */
export const writerProcedure = requiring('write', 'member');
/** admin or owner: team settings (profiles, credentials, members). */
export const adminProcedure = requiring('admin', 'admin');
