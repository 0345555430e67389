import { type Auth, createAuth, loadAuthSecret, signUpPolicyFrom } from '@switchyard/api';
import { authBaseUrl, serverEnv } from '@/env';
import { webDataDir } from './data-dir';
import { getPrisma } from './db';

// One better-auth instance per process, on the shared Prisma client (cached like the client).
const globalForAuth = globalThis as typeof globalThis & { switchyardAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.switchyardAuth ??= createAuth({
    prisma: getPrisma(),
    secret: loadAuthSecret(process.env, webDataDir()),
    baseURL: authBaseUrl(serverEnv()),
    signUp: signUpPolicyFrom(process.env),
  });
  return globalForAuth.switchyardAuth;
}
