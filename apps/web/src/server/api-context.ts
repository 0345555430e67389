import { type Context, createContext, parseCustomProviders } from '@switchyard/api';
import { loadSecretKey } from '@switchyard/db/secrets';
import { getAuth } from './auth';
import { webDataDir } from './data-dir';
import { getPrisma } from './db';

let secretKey: Buffer | undefined;

/**
 * The tRPC context of one request: the caller from its session cookie or API key, and what routing
 * previews need to match the worker (this process's env and SWITCHYARD_CUSTOM_PROVIDERS).
 */
export function createRequestContext(req: Request): Promise<Context> {
  secretKey ??= loadSecretKey(process.env, webDataDir());
  return createContext({
    prisma: getPrisma(),
    auth: getAuth(),
    headers: req.headers,
    env: process.env,
    customProviders: parseCustomProviders(process.env),
    secretKey,
  });
}
