import type { PrismaClient } from '@switchyard/db';
import type { ProjectPlaces } from '@switchyard/db/project-places';
import type { CustomProviderDef, WorkerEnv } from '@switchyard/providers';
import type { Auth } from './auth';
import { type Caller, resolveCaller } from './services/resolve-caller';
import type { TaskEventHub } from './services/task-event-hub';

/** What every procedure receives. */
export type Context = {
  prisma: PrismaClient;
  /** Null for calls that carry no auth library (a bare server-side caller). */
  auth: Auth | null;
  user: Caller['user'] | null;
  team: Caller['team'];
  sessionId: string | null;
  apiKeyId: string | null;
  /** The environment routing previews resolve against, so they match what the worker will do. */
  env: WorkerEnv;
  /** Operator-defined providers (SWITCHYARD_CUSTOM_PROVIDERS), as the worker sees them. */
  customProviders: readonly CustomProviderDef[];
  /** The 32-byte credential key (AES-256-GCM). */
  secretKey: Buffer;
  /** Where projects given by a local path may live on this host (SWITCHYARD_PROJECT_ROOTS). */
  projectPlaces: ProjectPlaces;
  /** Wakes live task subscriptions on the worker's NOTIFY; null: they poll (tests, bare callers). */
  taskEvents: TaskEventHub | null;
};

export interface ContextOptions {
  prisma: PrismaClient;
  auth: Auth;
  /** The request's headers: its session cookie or `Authorization: Bearer sy_…`. */
  headers: Headers;
  env: WorkerEnv;
  customProviders?: readonly CustomProviderDef[];
  secretKey: Buffer;
  projectPlaces: ProjectPlaces;
  /** One per process (createTaskEventHub), shared by every request. */
  taskEvents?: TaskEventHub | null;
}

/** The context for one request: resolves the caller from its session cookie or API key. */
export async function createContext(options: ContextOptions): Promise<Context> {
  const caller = await resolveCaller(options.prisma, options.auth, options.headers);
  return {
    prisma: options.prisma,
    auth: options.auth,
    user: caller?.user ?? null,
    team: caller?.team ?? null,
    sessionId: caller?.sessionId ?? null,
    apiKeyId: caller?.apiKeyId ?? null,
    env: options.env,
    customProviders: options.customProviders ?? [],
    secretKey: options.secretKey,
    projectPlaces: options.projectPlaces,
    taskEvents: options.taskEvents ?? null,
  };
}
