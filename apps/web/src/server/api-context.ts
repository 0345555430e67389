import {
  type Context,
  createContext,
  createTaskEventHub,
  parseCustomProviders,
  type TaskEventHub,
} from '@switchyard/api';
import { type ProjectPlaces, projectPlacesFrom } from '@switchyard/db/project-places';
import { loadSecretKey } from '@switchyard/db/secrets';
import { serverEnv } from '@/env';
import { getAuth } from './auth';
import { webDataDir, webInstallDir } from './data-dir';
import { getPrisma } from './db';
import { logSafeMessage } from './log-safe-message';

let secretKey: Buffer | undefined;
let projectPlaces: ProjectPlaces | undefined;
// SWITCHYARD_CUSTOM_PROVIDERS, validated once per value rather than on every request.
let customProviders: { raw: string | undefined; defs: ReturnType<typeof parseCustomProviders> } | undefined;
// One LISTEN connection per process for every live task subscription; kept across dev hot reloads.
const globalForHub = globalThis as typeof globalThis & { switchyardTaskEvents?: TaskEventHub };

/**
 * The tRPC context of one request: the caller from its session cookie or API key, and what routing
 * previews need to match the worker (this process's env and SWITCHYARD_CUSTOM_PROVIDERS).
 */
export function createRequestContext(headers: Headers): Promise<Context> {
  secretKey ??= loadSecretKey(process.env, webDataDir());
  projectPlaces ??= projectPlacesFrom(process.env, { installDir: webInstallDir(), dataDir: webDataDir() });
  return createContext({
    prisma: getPrisma(),
    auth: getAuth(),
    headers,
    env: process.env,
    customProviders: customProvidersOf(process.env),
    secretKey,
    projectPlaces,
    taskEvents: taskEventHub(),
  });
}

function customProvidersOf(env: NodeJS.ProcessEnv): ReturnType<typeof parseCustomProviders> {
  const raw = env.SWITCHYARD_CUSTOM_PROVIDERS;
  const cached =
    customProviders && customProviders.raw === raw
      ? customProviders
      : { raw, defs: parseCustomProviders(env) };
  customProviders = cached;
  return cached.defs;
}

function taskEventHub(): TaskEventHub {
  // The hub's errors say what failed and what the live logs do meanwhile.
  globalForHub.switchyardTaskEvents ??= createTaskEventHub(serverEnv().DATABASE_URL, (error) =>
    console.warn(`live task events: ${logSafeMessage(error)}`),
  );
  return globalForHub.switchyardTaskEvents;
}
