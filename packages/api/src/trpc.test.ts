import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Context } from './context';
import { publicProcedure, router } from './trpc';

const testRouter = router({
  greet: publicProcedure
    .input(z.object({ name: z.string().min(1) }))
    .query(({ input }) => `hi ${input.name}`),
});

// The wire shape of a superjson-encoded tRPC response, as far as these tests read it.
interface WireResponse {
  result?: { data: { json: unknown } };
  error?: {
    json: { data: { code: string; zodError: { properties?: Record<string, { errors: string[] }> } | null } };
  };
}

async function callGreet(input: unknown) {
  const url = `http://localhost/api/trpc/greet?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(url),
    router: testRouter,
    createContext: () => ({}) as Context,
  });
  return { status: response.status, body: (await response.json()) as WireResponse };
}

describe('error formatter', () => {
  it('returns the zod issues of a rejected input under data.zodError, by field', async () => {
    const { status, body } = await callGreet({ name: '' });

    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe('BAD_REQUEST');
    expect(body.error?.json.data.zodError?.properties?.name?.errors).toEqual([
      expect.stringMatching(/expected string to have >=1 characters/),
    ]);
  });

  it('passes a valid input through to the procedure', async () => {
    const { status, body } = await callGreet({ name: 'Ada' });

    expect(status).toBe(200);
    expect(body.result?.data.json).toBe('hi Ada');
  });
});
