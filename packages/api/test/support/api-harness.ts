import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import type { CustomProviderDef, WorkerEnv } from '@switchyard/providers';
import {
  appRouter,
  type Context,
  createAuth,
  createCallerFactory,
  createContext,
  type TaskEventHub,
} from '../../src';

export const createCaller = createCallerFactory(appRouter);

export interface SignedUp {
  userId: string;
  email: string;
  /** `better-auth.session_token=…`, as a browser would send it. */
  cookie: string;
  ctx: () => Promise<Context>;
  api: () => Promise<ReturnType<typeof createCaller>>;
}

/**
 * Real users through better-auth's server API and tRPC callers over contexts built from their
 * cookies or API keys, exactly as the web app builds them.
 */
export function apiHarness(
  prisma: PrismaClient,
  options: { env?: WorkerEnv; customProviders?: CustomProviderDef[]; taskEvents?: TaskEventHub } = {},
) {
  const auth = createAuth({
    prisma,
    secret: 'test-secret-that-is-long-enough-0123456789',
    baseURL: 'http://localhost:3000',
  });
  const secretKey = randomBytes(32);
  const env = options.env ?? {};

  const contextFor = (headers: Headers) =>
    createContext({
      prisma,
      auth,
      headers,
      env,
      customProviders: options.customProviders ?? [],
      secretKey,
      taskEvents: options.taskEvents,
    });

  async function signUp(
    name: string,
    email = `${name.toLowerCase()}-${randomBytes(3).toString('hex')}@example.com`,
  ) {
    const res = await auth.api.signUpEmail({
      body: { email, password: 'correct horse battery', name },
      returnHeaders: true,
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error('sign-up set no session cookie');
    const ctx = () => contextFor(new Headers({ cookie }));
    const user: SignedUp = {
      userId: res.response.user.id,
      email,
      cookie,
      ctx,
      api: async () => createCaller(await ctx()),
    };
    return user;
  }

  const withApiKey = async (key: string) =>
    createCaller(await contextFor(new Headers({ authorization: `Bearer ${key}` })));
  const anonymous = async () => createCaller(await contextFor(new Headers()));

  return { auth, secretKey, env, contextFor, signUp, withApiKey, anonymous };
}
