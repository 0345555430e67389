import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  // superjson keeps Dates, BigInts and Decimals intact between server and client.
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Input validation failures carry the zod issues so forms can show them next to their fields.
    const zodError =
      error.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? z.treeifyError(error.cause) : null;
    return { ...shape, data: { ...shape.data, zodError } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
