import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, ZodRealError, z } from 'zod';
import { type Permission, roleCan } from './auth/access-control';
import type { Context } from './context';
import { findUnstorableText } from './unstorable-text';
import { transformer } from './wire';

const t = initTRPC.context<Context>().create({
  // superjson keeps Dates, BigInts and Decimals intact between server and client; answers are
  // written in its format by serializeAnswer (the same wire, less CPU: wire.ts).
  transformer,
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
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure refuses an input holding text PostgreSQL cannot store (U+0000, or an unpaired
 * surrogate: see unstorable-text.ts), which made text fields a 500. A BAD_REQUEST naming the field,
 * with a zod issue at its path like any other invalid field. An input that cannot be read at all is
 * left to the input parser, which reports it.
 */
const rootProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    return next();
  }
  const found = findUnstorableText(raw);
  if (!found) return next();
  const issue = `must not contain ${found.character}`;
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `${found.path.length ? found.path.join('.') : 'The input'} ${issue}.`,
    // ZodRealError: the Error subclass zod's own parse throws (a plain ZodError is not an Error, and tRPC would wrap it).
    cause: new ZodRealError([{ code: 'custom', path: found.path, message: issue }]),
  });
});

export const publicProcedure = rootProcedure;

/** Signed in (session cookie or API key). */
export const authedProcedure = rootProcedure.use(({ ctx, next }) => {
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
