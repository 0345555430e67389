import { seedBuiltinProfiles } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src';
import { apiHarness, type createCaller } from './support/api-harness';
import { invoke } from './support/invoke';
import { type TeamFixture, teamFixture } from './support/two-teams';

type Caller = ReturnType<typeof createCaller>;
type Fixtures = { a: TeamFixture; b: TeamFixture; builtinProfileId: string; repo: (name: string) => string };
type Input = (f: Fixtures) => unknown;

/**
 * One entry per procedure. `foreign`: an input naming team B's data, which team A's callers must
 * get FORBIDDEN or NOT_FOUND for. `scoped`: the procedure names no other team's row; team A's
 * callers get an answer that contains none of team B's ids. `own`: a valid input on team A's own
 * data (a viewer must get FORBIDDEN for every mutation). `viewerMay`: a mutation of the caller's
 * own membership rather than of team data, open to every role.
 */
interface Entry {
  foreign?: Input;
  scoped?: Input;
  own?: Input;
  viewerMay?: string;
}

const routing = { provider: 'anthropic' };

const MATRIX: Record<string, Entry> = {
  'overview.get': { scoped: () => undefined },
  'tasks.create': {
    foreign: (f) => ({ projectId: f.b.projectId, title: 't', description: 'd', routing }),
    own: (f) => ({ projectId: f.a.projectId, title: 't', description: 'd', routing }),
  },
  'tasks.list': { scoped: (f) => ({ projectId: f.b.projectId }) },
  'tasks.get': { foreign: (f) => ({ taskId: f.b.taskId }) },
  'tasks.runRouting': { foreign: (f) => ({ taskId: f.b.taskId, runId: f.b.runId }) },
  'tasks.artifact': { foreign: (f) => ({ taskId: f.b.taskId, name: 'implementation_plan.json' }) },
  'tasks.events': { foreign: (f) => ({ taskId: f.b.taskId }) },
  'tasks.subscribe': { foreign: (f) => ({ taskId: f.b.taskId }) },
  'tasks.cancel': { foreign: (f) => ({ taskId: f.b.taskId }), own: (f) => ({ taskId: f.a.taskId }) },
  'tasks.retryPhase': {
    foreign: (f) => ({ taskId: f.b.taskId, phase: 'spec' }),
    own: (f) => ({ taskId: f.a.taskId, phase: 'spec' }),
  },
  'tasks.rerunFromPhase': {
    foreign: (f) => ({ taskId: f.b.taskId, phase: 'planning', routing }),
    own: (f) => ({ taskId: f.a.taskId, phase: 'planning', routing }),
  },
  'providers.list': { scoped: () => undefined },
  'profiles.list': { scoped: () => undefined },
  'profiles.get': { foreign: (f) => ({ id: f.b.profileId }) },
  'profiles.create': {
    foreign: (f) => ({
      name: 'uses B credential',
      phases: {
        qa: { provider: 'anthropic', model: 'haiku', thinking: 'none', credentialId: f.b.credentialId },
      },
    }),
    own: () => ({ name: 'viewer profile', phases: {} }),
  },
  'profiles.update': {
    foreign: (f) => ({ id: f.b.profileId, profile: { name: 'hijacked', phases: {} } }),
    own: (f) => ({ id: f.a.profileId, profile: { name: 'renamed', phases: {} } }),
  },
  'profiles.delete': { foreign: (f) => ({ id: f.b.profileId }), own: (f) => ({ id: f.a.profileId }) },
  'profiles.duplicate': { foreign: (f) => ({ id: f.b.profileId }), own: (f) => ({ id: f.builtinProfileId }) },
  'credentials.list': { scoped: () => undefined },
  'credentials.create': {
    scoped: () => ({ provider: 'openai', secret: 'sk-openai-scoped-1234' }),
    own: () => ({ provider: 'openai', secret: 'sk-openai-viewer-1234' }),
  },
  'credentials.update': {
    foreign: (f) => ({ id: f.b.credentialId, label: 'mine now' }),
    own: (f) => ({ id: f.a.credentialId, label: 'renamed' }),
  },
  'credentials.delete': {
    foreign: (f) => ({ id: f.b.credentialId }),
    own: (f) => ({ id: f.a.credentialId }),
  },
  'credentials.clearRest': {
    foreign: (f) => ({ id: f.b.credentialId }),
    own: (f) => ({ id: f.a.credentialId }),
  },
  'credentials.test': { foreign: (f) => ({ id: f.b.credentialId }), own: (f) => ({ id: f.a.credentialId }) },
  'projects.list': { scoped: () => undefined },
  'projects.create': {
    scoped: (f) => ({ name: `scoped-${Math.random()}`, repoPath: f.repo('scoped') }),
    own: (f) => ({ name: 'viewer project', repoPath: f.repo('v') }),
  },
  'projects.update': {
    foreign: (f) => ({ id: f.b.projectId, name: 'hijacked' }),
    own: (f) => ({ id: f.a.projectId, name: 'renamed' }),
  },
  'projects.updateSettings': {
    foreign: (f) => ({ id: f.b.projectId, networkAllow: ['registry.npmjs.org'] }),
    own: (f) => ({ id: f.a.projectId, networkAllow: ['registry.npmjs.org'] }),
  },
  'projects.delete': { foreign: (f) => ({ id: f.b.projectId }), own: (f) => ({ id: f.a.projectId }) },
  'routing.preview': { foreign: (f) => ({ profileId: f.b.profileId, routing: {} }) },
  'teams.current': { scoped: () => undefined },
  'stats.usage': { scoped: () => ({ days: 30 }) },
  'stats.sandbox': { scoped: () => ({ days: 7 }) },
  'teams.members': { scoped: () => undefined },
  'teams.invite': {
    scoped: () => ({ email: `scoped-${Math.random()}@example.com` }),
    own: () => ({ email: 'viewer-invites@example.com' }),
  },
  'teams.cancelInvitation': {
    foreign: (f) => ({ invitationId: f.b.invitationId }),
    own: (f) => ({ invitationId: f.a.invitationId }),
  },
  'teams.myInvitations': { scoped: () => undefined },
  'teams.updateSettings': {
    scoped: () => ({ webSearch: { kind: 'searxng', url: 'http://127.0.0.1:8888' } }),
    own: () => ({ webSearch: null }),
  },
  'teams.acceptInvitation': {
    foreign: (f) => ({ invitationId: f.b.invitationId }),
    viewerMay: 'accepting an invitation addressed to yourself changes your own membership',
  },
  'teams.changeRole': {
    foreign: (f) => ({ userId: f.b.owner.userId, role: 'viewer' }),
    own: (f) => ({ userId: f.a.member.userId, role: 'viewer' }),
  },
  'teams.removeMember': {
    foreign: (f) => ({ userId: f.b.member.userId }),
    own: (f) => ({ userId: f.a.member.userId }),
  },
  'teams.switchActive': {
    foreign: (f) => ({ teamId: f.b.teamId }),
    viewerMay: 'choosing which of your teams you look at changes no team data',
  },
  'apiKeys.create': { scoped: () => ({ name: 'scoped' }), own: () => ({ name: 'viewer key' }) },
  'apiKeys.list': { scoped: () => undefined },
  'apiKeys.revoke': { foreign: (f) => ({ id: f.b.apiKeyId }), own: (f) => ({ id: f.a.apiKeyId }) },
};

// At run time a flat record keyed by dotted path (its static type is the nested router shape).
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; inputs: unknown[] } }
>;
const paths = Object.keys(procedures).sort();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

let db: TestDatabase;
let f: Fixtures;
let bIds: string[];
beforeAll(async () => {
  db = await freshDatabase();
  await seedBuiltinProfiles(db.prisma);
  const harness = apiHarness(db.prisma);
  const a = await teamFixture(db.prisma, harness, 'Alpha');
  const b = await teamFixture(db.prisma, harness, 'Bravo');
  const builtin = await db.prisma.agentProfile.findFirstOrThrow({ where: { teamId: null } });
  f = { a, b, builtinProfileId: builtin.id, repo: harness.repo };
  bIds = [
    b.teamId,
    b.projectId,
    b.taskId,
    b.profileId,
    b.credentialId,
    b.apiKeyId,
    b.invitationId,
    b.owner.userId,
  ];
  callers = {
    owner: await a.owner.api(),
    member: await a.member.api(),
    apiKey: await harness.withApiKey(a.apiKey),
    viewer: await a.viewer.api(),
  };
});
afterAll(() => db?.drop());

let callers: Record<'owner' | 'member' | 'apiKey' | 'viewer', Caller>;

describe('isolation matrix', () => {
  it('has an entry for every procedure of the router, and no stale ones', () => {
    expect(paths.filter((path) => !(path in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((path) => !paths.includes(path))).toEqual([]);
    for (const path of paths) {
      const entry = MATRIX[path]!;
      expect(entry.foreign || entry.scoped, `${path} needs a foreign or scoped input`).toBeTruthy();
      if (procedures[path]!._def.type === 'mutation')
        expect(entry.own || entry.viewerMay, `${path} is a mutation: give an own input`).toBeTruthy();
    }
  });

  describe.each(['owner', 'member', 'apiKey'] as const)("team A's %s cannot reach team B", (who) => {
    it.each(paths)('%s', async (path) => {
      const entry = MATRIX[path]!;
      if (entry.foreign) {
        const code = await codeOf(invoke(callers[who], path, entry.foreign(f)));
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
      } else {
        let result: unknown;
        try {
          result = await invoke(callers[who], path, entry.scoped!(f));
        } catch (error) {
          // A role or an API key may be refused outright: that reaches nothing either.
          expect(['FORBIDDEN', 'NOT_FOUND']).toContain((error as TRPCError).code);
          return;
        }
        const json = JSON.stringify(result ?? null);
        for (const id of bIds) expect(json).not.toContain(id);
      }
    });
  });

  it.each(paths.filter((path) => procedures[path]!._def.type === 'mutation'))(
    "team A's viewer gets FORBIDDEN on %s",
    async (path) => {
      const entry = MATRIX[path]!;
      if (entry.viewerMay) return;
      expect(await codeOf(invoke(callers.viewer, path, entry.own!(f)))).toBe('FORBIDDEN');
    },
  );

  it('changed nothing of team B', async () => {
    expect(await db.prisma.task.findUniqueOrThrow({ where: { id: f.b.taskId } })).toMatchObject({
      status: 'failed',
    });
    expect(await db.prisma.phaseRun.count({ where: { taskId: f.b.taskId } })).toBe(1);
    expect(await db.prisma.agentProfile.findUniqueOrThrow({ where: { id: f.b.profileId } })).toMatchObject({
      name: 'Bravo profile',
    });
    expect(await db.prisma.providerCredential.count({ where: { teamId: f.b.teamId } })).toBe(1);
    expect(await db.prisma.project.findUniqueOrThrow({ where: { id: f.b.projectId } })).toMatchObject({
      name: 'Bravo-repo',
    });
    expect(await db.prisma.membership.count({ where: { teamId: f.b.teamId } })).toBe(3);
    expect(await db.prisma.apiKey.findUniqueOrThrow({ where: { id: f.b.apiKeyId } })).toMatchObject({
      enabled: true,
    });
    expect(await db.prisma.invitation.findUniqueOrThrow({ where: { id: f.b.invitationId } })).toMatchObject({
      status: 'pending',
    });
  });

  it('a viewer still reads everything of their team', async () => {
    const task = await callers.viewer.tasks.get({ taskId: f.a.taskId });
    expect(task.task.id).toBe(f.a.taskId);
    expect((await callers.viewer.credentials.list()).map((c) => c.id)).toContain(f.a.credentialId);
  });
});
