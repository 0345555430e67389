import { expect, test } from '@playwright/test';
import { runCli, signUp, tempHome, trpc } from './support/cli-harness';
import { E2E_BASE_URL as baseUrl, type CliSession, expectExit, openCliSession } from './support/cli-session';

// The team from the CLI: members, invitations, roles, web search, API keys; and every new command's help.
// One owner drives only the built `switchyard` command (apps/cli/dist) against the real product (web +
// worker from serve.ts); the tests share that owner and run in order.
test.describe.configure({ mode: 'serial' });

let s: CliSession;
test.beforeAll(async () => {
  s = await openCliSession('Parity Team');
});
test.afterAll(() => s?.close());
const cli = (...args: string[]) => s.cli(...args);
const _cliWithStdin = (input: string, ...args: string[]) => s.cliWithStdin(input, ...args);
const ok = <T>(...args: string[]) => s.ok<T>(...args);
const stamp = Date.now();

type Members = {
  members: { userId: string; email: string; role: string }[];
  invitations: { id: string; email: string; role: string }[];
};

test('teams: current, members, invite, cancel-invitation, set-role, remove-member, invitations, set-web-search', async () => {
  const current = await ok<{ role: string; team: { name: string }; webSearch: unknown }>('teams', 'current');
  expect(current).toMatchObject({ role: 'owner', webSearch: null });
  expect((await cli('teams', 'current')).stdout).toContain('you are owner');
  expect((await ok<Members>('teams', 'members')).members.map((m) => m.email)).toEqual([s.ownerEmail]);

  const stranger = `stranger-${stamp}@example.test`;
  expect(await ok<{ email: string; role: string }>('teams', 'invite', stranger)).toMatchObject({
    email: stranger,
    role: 'member',
  });
  expect((await ok<Members>('teams', 'members')).invitations.map((i) => i.email)).toContain(stranger);
  expectExit(await cli('teams', 'cancel-invitation', stranger), 0);
  expect((await ok<Members>('teams', 'members')).invitations.map((i) => i.email)).not.toContain(stranger);

  // A colleague is invited, signs up with that email and accepts in the dashboard (over HTTP here).
  const colleague = `colleague-${stamp}@example.test`;
  const invitation = await ok<{ id: string; signUpLink: string }>(
    'teams',
    'invite',
    colleague,
    '--role',
    'admin',
  );
  // Switchyard sends no mail: the CLI prints the link the invitee signs up with.
  expect(invitation.signUpLink).toMatch(new RegExp(`/sign-up\\?invitation=${invitation.id}$`));
  const colleagueCookie = (await signUp(baseUrl, 'Colleague', colleague)).cookie;
  await trpc(baseUrl, { cookie: colleagueCookie }, 'teams.acceptInvitation', { invitationId: invitation.id });
  expect((await ok<Members>('teams', 'members')).members.find((m) => m.email === colleague)?.role).toBe(
    'admin',
  );

  expectExit(await cli('teams', 'set-role', colleague, 'viewer'), 0);
  expect((await ok<Members>('teams', 'members')).members.find((m) => m.email === colleague)?.role).toBe(
    'viewer',
  );
  const badRole = await cli('teams', 'set-role', colleague, 'boss');
  expectExit(badRole, 2);
  expect(badRole.stderr).toContain('Roles: owner, admin, member, viewer');
  expectExit(await cli('teams', 'remove-member', colleague), 0);
  expect((await ok<Members>('teams', 'members')).members.map((m) => m.email)).not.toContain(colleague);
  const gone = await cli('teams', 'remove-member', colleague);
  expectExit(gone, 2);
  expect(gone.stderr).toContain(`No member "${colleague}" in your team.`);

  expect(await ok<unknown[]>('teams', 'invitations')).toEqual([]);

  const searx = 'http://127.0.0.1:8888';
  expect(await ok<{ webSearch: unknown }>('teams', 'set-web-search', searx)).toEqual({
    webSearch: { kind: 'searxng', url: searx },
  });
  expect((await ok<{ webSearch: unknown }>('teams', 'current')).webSearch).toEqual({
    kind: 'searxng',
    url: searx,
  });
  expectExit(await cli('teams', 'set-web-search', 'ftp://searx.example'), 2);
  expect((await ok<{ webSearch: unknown }>('teams', 'set-web-search', '--none')).webSearch).toBeNull();
});

test('api-keys create prints a key once that works; list shows it; revoke makes it refused (exit 3)', async () => {
  const created = await ok<{ id: string; key: string; name: string }>('api-keys', 'create', `CI ${stamp}`);
  expect(created.key).toMatch(/^sy_/);
  const asCi = (...args: string[]) =>
    runCli(tempHome(), args, { SWITCHYARD_URL: baseUrl, SWITCHYARD_API_KEY: created.key });
  expectExit(await asCi('teams', 'current'), 0);

  const keys = await ok<{ id: string; name: string; enabled: boolean }[]>('api-keys', 'list');
  expect(keys.find((k) => k.id === created.id)).toMatchObject({ name: `CI ${stamp}`, enabled: true });
  expect((await cli('api-keys', 'list')).stdout).not.toContain(created.key);

  expectExit(await cli('api-keys', 'revoke', `CI ${stamp}`), 0);
  const refused = await asCi('projects', 'list');
  expectExit(refused, 3);
  expect(refused.stderr).toContain('refused the API key');
  expect(
    (await ok<{ id: string; enabled: boolean }[]>('api-keys', 'list')).find((k) => k.id === created.id)
      ?.enabled,
  ).toBe(false);
});

test('every new command answers --help with exit 0', async () => {
  for (const command of [
    ['projects', 'create'],
    ['projects', 'update'],
    ['projects', 'delete'],
    ['projects', 'set-qa-cap'],
    ['projects', 'set-bash-allow'],
    ['profiles'],
    ['profiles', 'list'],
    ['profiles', 'get'],
    ['profiles', 'create'],
    ['profiles', 'update'],
    ['profiles', 'duplicate'],
    ['profiles', 'delete'],
    ['credentials'],
    ['credentials', 'list'],
    ['credentials', 'add'],
    ['credentials', 'edit'],
    ['credentials', 'clear-rest'],
    ['credentials', 'test'],
    ['credentials', 'delete'],
    ['tasks', 'get'],
    ['tasks', 'events'],
    ['tasks', 'artifact'],
    ['tasks', 'retry'],
    ['tasks', 'rerun'],
    ['teams'],
    ['teams', 'current'],
    ['teams', 'members'],
    ['teams', 'invite'],
    ['teams', 'cancel-invitation'],
    ['teams', 'set-role'],
    ['teams', 'remove-member'],
    ['teams', 'invitations'],
    ['teams', 'set-web-search'],
    ['api-keys'],
    ['api-keys', 'create'],
    ['api-keys', 'list'],
    ['api-keys', 'revoke'],
    ['stats'],
    ['stats', 'usage'],
    ['stats', 'sandbox'],
  ]) {
    const help = await cli(...command, '--help');
    expectExit(help, 0);
    expect(help.stdout).toContain(`Usage: switchyard ${command.join(' ')}`);
  }
});
