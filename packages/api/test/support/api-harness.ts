import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrismaClient } from '@switchyard/db';
import { type ProjectPlaces, projectPlacesFrom } from '@switchyard/db/project-places';
import type { CustomProviderDef, WorkerEnv } from '@switchyard/providers';
import {
  appRouter,
  type Context,
  createAuth,
  createCallerFactory,
  createContext,
  type SignUpPolicy,
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
  options: {
    env?: WorkerEnv;
    customProviders?: CustomProviderDef[];
    taskEvents?: TaskEventHub;
    projectPlaces?: ProjectPlaces;
    /** Default "open": most tests sign up several people without invitations. */
    signUp?: SignUpPolicy;
  } = {},
) {
  const auth = createAuth({
    prisma,
    secret: 'test-secret-that-is-long-enough-0123456789',
    baseURL: 'http://localhost:3000',
    signUp: options.signUp ?? 'open',
  });
  const secretKey = randomBytes(32);
  const env = options.env ?? {};
  // A host of its own: an install and data folder, and the projects root repositories are made in.
  const host = mkdtempSync(join(tmpdir(), 'switchyard-api-host-'));
  const projectsRoot = join(host, 'data', 'projects');
  mkdirSync(projectsRoot, { recursive: true });
  const projectPlaces =
    options.projectPlaces ??
    projectPlacesFrom({}, { installDir: join(host, 'install'), dataDir: join(host, 'data') });

  /** A git repository with one commit on `main`, in the projects root: a path projects.create accepts. */
  const repo = (name: string) => {
    const dir = join(projectsRoot, `${name}-${randomBytes(3).toString('hex')}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), `# ${name}\n`);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'init');
    return dir;
  };

  const contextFor = (headers: Headers) =>
    createContext({
      prisma,
      auth,
      headers,
      env,
      customProviders: options.customProviders ?? [],
      secretKey,
      projectPlaces,
      taskEvents: options.taskEvents,
    });

  async function signUp(
    name: string,
    email = `${name.toLowerCase()}-${randomBytes(3).toString('hex')}@example.com`,
    /** The id of the invitation whose sign-up link this person opened. */
    invitationId?: string,
  ) {
    const res = await auth.api.signUpEmail({
      body: { email, password: 'correct horse battery', name, ...(invitationId ? { invitationId } : {}) },
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

  return {
    auth,
    secretKey,
    env,
    projectPlaces,
    projectsRoot,
    repo,
    contextFor,
    signUp,
    withApiKey,
    anonymous,
  };
}
