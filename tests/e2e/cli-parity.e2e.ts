import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type FakeLlmServer, greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import {
  type CliResult,
  makeRepository,
  parseJson,
  runCli,
  signUp,
  tempHome,
  trpc,
} from './support/cli-harness';

// Everything the dashboard does, done with the built `switchyard` command (apps/cli/dist) against the
// real product (web + worker from serve.ts): projects and their settings, profiles, credentials,
// tasks after they ran, the team, API keys and usage. One owner drives only the CLI once logged in;
// tests share it and run in order.
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT ?? 3100);
const baseUrl = `http://127.0.0.1:${port}`;
const ZAI_1113 = {
  kind: 'error' as const,
  status: 429,
  body: { error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' } },
};

let claude: FakeLlmServer;
let glm: FakeLlmServer;
let broke: FakeLlmServer;
let home: string;
let ownerEmail: string;
let cookie: string;
const cli = (...args: string[]) => runCli(home, args);
const stamp = Date.now();

/** The CLI with `input` on stdin (how secrets reach it: never in argv). */
const cliWithStdin = (input: string, ...args: string[]): Promise<CliResult> => runCli(home, args, {}, input);

function expectExit(result: CliResult, code: number) {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
}

/** Runs a `--json` command that must succeed and returns its document. */
async function ok<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json');
  expectExit(result, 0);
  return parseJson<T>(result);
}

/** Signs up `email` (the harness's signUp picks its own address; an invitation needs a known one). */
async function signUpAs(email: string, name: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl.replace('//127.0.0.1:', '//localhost:') },
    body: JSON.stringify({ email, password: 'correct horse battery', name }),
  });
  if (!response.ok) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

test.beforeAll(async () => {
  claude = await startFakeLlm({ responder: greeterResponder, label: 'anthropic' });
  glm = await startFakeLlm({ responder: greeterResponder, label: 'zai' });
  broke = await startFakeLlm({ responder: () => ZAI_1113, label: 'zai out of balance' });
  home = tempHome();
  const owner = await signUp(baseUrl, 'Parity');
  ownerEmail = owner.email;
  cookie = owner.cookie;
  const key = await trpc<{ key: string }>(baseUrl, { cookie }, 'apiKeys.create', { name: 'parity e2e' });
  expectExit(await cliWithStdin(key.key, 'login', '--url', baseUrl, '--api-key', '-'), 0);
});

test.afterAll(async () => {
  await claude?.close();
  await glm?.close();
  await broke?.close();
});

type Project = {
  id: string;
  name: string;
  defaultBranch: string;
  checkCommand: string | null;
  maxQaIterations: number;
  bashAllow: string[] | null;
};
const projectName = `Parity shop ${stamp}`;

test('projects create, update, set-qa-cap, set-bash-allow and delete; projects list shows each change', async () => {
  const noRepo = await cli('projects', 'create', projectName);
  expectExit(noRepo, 2);
  expect(noRepo.stderr).toContain('either --repo-path PATH or --git-url URL');

  const created = await ok<Project>(
    'projects',
    'create',
    projectName,
    '--repo-path',
    makeRepository(),
    '--check',
    'true',
  );
  expect(created).toMatchObject({
    name: projectName,
    defaultBranch: 'main',
    checkCommand: 'true',
    bashAllow: null,
  });
  const listed = await ok<Project[]>('projects', 'list');
  expect(listed.map((p) => p.id)).toContain(created.id);

  const renamed = await ok<Project>(
    'projects',
    'update',
    projectName,
    '--name',
    `${projectName} 2`,
    '--no-check',
  );
  expect(renamed).toMatchObject({ id: created.id, name: `${projectName} 2`, checkCommand: null });
  expectExit(await cli('projects', 'update', `${projectName} 2`, '--name', projectName), 0);

  expect((await ok<Project>('projects', 'set-qa-cap', projectName, '3')).maxQaIterations).toBe(3);
  const tooMany = await cli('projects', 'set-qa-cap', projectName, '21');
  expectExit(tooMany, 2);
  expect(tooMany.stderr).toContain('from 1 to 20');

  const allowed = await ok<Project>(
    'projects',
    'set-bash-allow',
    projectName,
    'npm (test|run \\w+)',
    'git status',
  );
  expect(allowed.bashAllow).toEqual(['npm (test|run \\w+)', 'git status']);
  const human = await cli('projects', 'list');
  expect(human.stdout).toContain('qa cap: 3');
  expect(human.stdout).toContain('bash allow: npm (test|run \\w+), git status');
  const badPattern = await cli('projects', 'set-bash-allow', projectName, 'npm (test');
  expectExit(badPattern, 2);
  expect(badPattern.stderr).toContain('npm (test');
  expect((await ok<Project>('projects', 'set-bash-allow', projectName, '--none')).bashAllow).toBeNull();

  const doomed = await ok<Project>('projects', 'create', `Doomed ${stamp}`, '--repo-path', makeRepository());
  const unconfirmed = await cli('projects', 'delete', doomed.name);
  expectExit(unconfirmed, 2);
  expect(unconfirmed.stderr).toContain('--yes');
  expect(await ok<{ id: string }>('projects', 'delete', doomed.name, '--yes')).toMatchObject({
    id: doomed.id,
  });
  expect((await ok<Project[]>('projects', 'list')).map((p) => p.id)).not.toContain(doomed.id);
  const unknown = await cli('projects', 'delete', doomed.name, '--yes');
  expectExit(unknown, 2);
  expect(unknown.stderr).toContain(`No project "${doomed.name}" in your team.`);
});

type Credential = { id: string; provider: string; label: string; masked: string; isDefault: boolean };

test('credentials add reads the key from stdin, list masks it, test checks it, edit and delete change it', async () => {
  const secret = 'sk-ant-parity-e2e-7301';
  const noKey = await cliWithStdin('', 'credentials', 'add', '--provider', 'anthropic');
  expectExit(noKey, 2);
  expect(noKey.stderr).toContain('No API key on stdin.');

  const added = await cliWithStdin(
    secret,
    'credentials',
    'add',
    '--provider',
    'anthropic',
    '--label',
    'fake Claude',
    '--protocol',
    'anthropic-messages',
    '--base-url',
    claude.url,
    '--default',
    '--json',
  );
  expectExit(added, 0);
  expect(parseJson<Credential>(added)).toMatchObject({
    provider: 'anthropic',
    masked: '…7301',
    isDefault: true,
  });
  for (const [label, base, key] of [
    ['fake GLM', `${glm.url}/v1`, 'zai-parity-e2e-0002'],
    ['GLM without balance', `${broke.url}/v1`, 'zai-parity-e2e-0003'],
  ] as const) {
    const more = await cliWithStdin(
      key,
      'credentials',
      'add',
      '--provider',
      'GLM',
      '--label',
      label,
      '--protocol',
      'openai-chat',
      '--base-url',
      base,
      ...(label === 'fake GLM' ? ['--default'] : []),
    );
    expectExit(more, 0);
    expect(more.stdout).toContain(`zai credential "${label}"`);
  }

  const list = await cli('credentials', 'list');
  expectExit(list, 0);
  expect(list.stdout).toMatch(/anthropic\s+fake Claude\s+…7301\s+yes/);
  expect(list.stdout).not.toContain(secret);
  expect((await ok<Credential[]>('credentials', 'list')).map((c) => c.label)).toEqual(
    expect.arrayContaining(['fake Claude', 'fake GLM', 'GLM without balance']),
  );

  const tested = await cli('credentials', 'test', 'fake claude');
  expectExit(tested, 0);
  expect(tested.stdout).toContain('reachable and authenticated');
  const failed = await cli('credentials', 'test', 'GLM without balance', '--json');
  expectExit(failed, 1);
  expect(parseJson<{ check: { ok: boolean; error: { message: string } } }>(failed).check).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('Insufficient balance') },
  });

  const renamed = await cliWithStdin(
    'zai-parity-e2e-9999',
    'credentials',
    'edit',
    'GLM without balance',
    '--label',
    'GLM spare',
    '--key-from-stdin',
    '--json',
  );
  expectExit(renamed, 0);
  expect(parseJson<Credential>(renamed)).toMatchObject({ label: 'GLM spare', masked: '…9999' });
  expectExit(await cli('credentials', 'delete', 'GLM spare'), 0);
  expect((await ok<Credential[]>('credentials', 'list')).map((c) => c.label)).not.toContain('GLM spare');
  expectExit(await cli('credentials', 'test', 'GLM spare'), 2);
});

type Profile = {
  id: string;
  name: string;
  builtin: boolean;
  phases: Record<string, { provider: string; model: string }>;
};

test('profiles list, get, create --file, update --file, duplicate and delete; built-ins stay read-only', async () => {
  const profiles = await ok<Profile[]>('profiles', 'list');
  expect(profiles.find((p) => p.name === 'Balanced')).toMatchObject({ builtin: true });
  expect((await cli('profiles', 'list')).stdout).toMatch(/Balanced\s+built-in\s+anthropic\//);

  // What `profiles get --json` prints is a valid --file once edited.
  const balanced = await ok<Profile>('profiles', 'get', 'balanced');
  const file = join(home, 'profile.json');
  const glmCoding = { provider: 'zai', model: 'glm-4.7', thinking: 'none', fallbacks: [] };
  writeFileSync(
    file,
    JSON.stringify({
      ...balanced,
      name: `GLM coding ${stamp}`,
      phases: { ...balanced.phases, coding: glmCoding },
    }),
  );
  const created = await ok<Profile>('profiles', 'create', '--file', file);
  expect(created).toMatchObject({ name: `GLM coding ${stamp}`, builtin: false });
  expect(created.phases.coding).toMatchObject({ provider: 'zai', model: 'glm-4.7' });
  const shown = await cli('profiles', 'get', created.name);
  expect(shown.stdout).toMatch(/coding\s+zai\/glm-4\.7/);

  writeFileSync(
    file,
    JSON.stringify({
      ...created,
      phases: { ...created.phases, coding: { ...glmCoding, model: 'glm-4.5-air' } },
    }),
  );
  const updated = await ok<Profile>('profiles', 'update', created.name, '--file', file);
  expect(updated.phases.coding?.model).toBe('glm-4.5-air');

  writeFileSync(file, JSON.stringify({ name: 'Broken', phases: { spec: { provider: 'nope' } } }));
  const refused = await cli('profiles', 'create', '--file', file, '--json');
  expectExit(refused, 2);
  expect(parseJson<{ error: { details: string[] } }>(refused).error.details.length).toBeGreaterThan(0);

  const copy = await ok<Profile>('profiles', 'duplicate', 'Balanced', '--name', `My Balanced ${stamp}`);
  expect(copy).toMatchObject({ name: `My Balanced ${stamp}`, builtin: false });
  const builtinDelete = await cli('profiles', 'delete', 'Balanced');
  expectExit(builtinDelete, 2);
  expect(builtinDelete.stderr).toContain('switchyard profiles duplicate "Balanced"');
  expectExit(await cli('profiles', 'delete', copy.name), 0);
  const names = (await ok<Profile[]>('profiles', 'list')).map((p) => p.name);
  expect(names).toContain(created.name);
  expect(names).not.toContain(copy.name);
});

type Run = { phase: string; status: string; routingDecision: { provider: string; model: string } | null };
type Detail = { task: { id: string; status: string }; runs: Run[]; artifacts: { name: string }[] };

test('tasks get, events, artifact, retry and rerun a task the worker ran', async () => {
  test.setTimeout(300_000);
  // A profile whose every phase uses one Z.AI key that has no balance left: the task blocks at spec.
  const added = await cliWithStdin(
    'zai-parity-e2e-0004',
    'credentials',
    'add',
    '--provider',
    'zai',
    '--label',
    'GLM topped up later',
    '--protocol',
    'openai-chat',
    '--base-url',
    `${broke.url}/v1`,
    '--json',
  );
  expectExit(added, 0);
  const glmPhase = {
    provider: 'zai',
    model: 'glm-4.7',
    thinking: 'none',
    credentialId: parseJson<Credential>(added).id,
  };
  const file = join(home, 'one-key.json');
  const phases = { spec: glmPhase, planning: glmPhase, coding: glmPhase, qa: glmPhase };
  writeFileSync(file, JSON.stringify({ name: `GLM on one key ${stamp}`, phases }));
  expectExit(await cli('profiles', 'create', '--file', file), 0);

  const created = await ok<{ task: { id: string } }>(
    'tasks',
    'create',
    '--project',
    projectName,
    '--profile',
    `GLM on one key ${stamp}`,
    'Write HELLO.md',
  );
  const id = created.task.id;
  expectExit(await cli('tasks', 'watch', id), 1);
  const blocked = await ok<Detail>('tasks', 'get', id);
  expect(blocked.task.status).toBe('blocked');
  expect(blocked.runs.at(-1)).toMatchObject({ phase: 'spec', status: 'blocked' });
  const blockedHuman = await cli('tasks', 'get', id);
  expect(blockedHuman.stdout).toMatch(/spec\s+blocked\s+zai\/glm-4\.7/);
  expect(blockedHuman.stdout).toContain('Insufficient balance');

  // The account is topped up (here: the key now reaches a server with balance); the phase is retried.
  expectExit(await cli('credentials', 'edit', 'GLM topped up later', '--base-url', `${glm.url}/v1`), 0);
  type Requeued = { taskId: string; run: { phase: string; status: string } };
  const retried = await ok<Requeued>('tasks', 'retry', id, 'spec');
  expect(retried).toMatchObject({ taskId: id, run: { phase: 'spec', status: 'pending' } });
  expectExit(await cli('tasks', 'watch', id), 0);
  const done = await ok<Detail>('tasks', 'get', id);
  expect(done.task.status).toBe('done');
  expect(done.artifacts.length).toBeGreaterThan(0);
  const human = await cli('tasks', 'get', id);
  expect(human.stdout).toMatch(/qa\s+succeeded\s+zai\/glm-4\.7/);

  const events = await ok<{ events: { type: string }[]; cursor: string }>(
    'tasks',
    'events',
    id,
    '--limit',
    '5',
  );
  expect(events.events).toHaveLength(5);
  const next = await ok<{ events: { id: string }[] }>('tasks', 'events', id, '--after', events.cursor);
  expect(next.events.length).toBeGreaterThan(0);
  expect(BigInt(next.events[0]!.id)).toBeGreaterThan(BigInt(events.cursor));
  expect((await cli('tasks', 'events', id)).stdout).toContain('routed to zai/glm-4.7');

  const artifact = await ok<{ name: string; content: string }>(
    'tasks',
    'artifact',
    id,
    done.artifacts[0]!.name,
  );
  expect(artifact.content.length).toBeGreaterThan(0);
  expectExit(await cli('tasks', 'artifact', id, 'no-such-artifact.md'), 2);

  const notRetryable = await cli('tasks', 'retry', id, 'qa');
  expectExit(notRetryable, 2);
  expect(notRetryable.stderr).toContain('only a failed, blocked or cancelled run can be retried');

  // Rerun QA on Claude: another profile and a routing flag, as tasks create takes them.
  const rerun = await ok<Requeued>(
    'tasks',
    'rerun',
    id,
    'qa',
    '--profile',
    'Balanced',
    '--phase-provider',
    'qa=claude',
  );
  expect(rerun.run.phase).toBe('qa');
  expectExit(await cli('tasks', 'watch', id), 0);
  const qaRuns = (await ok<Detail>('tasks', 'get', id)).runs.filter((r) => r.phase === 'qa');
  expect(qaRuns.at(-1)).toMatchObject({ status: 'succeeded', routingDecision: { provider: 'anthropic' } });
  expect(qaRuns[0]?.routingDecision?.provider).toBe('zai');

  const unknownProvider = await cli('tasks', 'rerun', id, 'qa', '--provider', 'nope');
  expectExit(unknownProvider, 2);
  expect(unknownProvider.stderr).toContain('Unknown provider "nope"');
});

test('stats usage and stats sandbox report what the tasks spent and how they ran', async () => {
  const usage = await ok<{ days: number; points: { provider: string; phase: string }[] }>(
    'stats',
    'usage',
    '--days',
    '7',
  );
  expect(usage.days).toBe(7);
  expect(usage.points.map((p) => p.provider)).toEqual(expect.arrayContaining(['anthropic', 'zai']));
  expect((await cli('stats', 'usage')).stdout).toContain('by provider');
  const sandbox = await ok<{ days: number; unsandboxedRuns: number }>('stats', 'sandbox');
  expect(sandbox.days).toBe(7);
  expect(sandbox.unsandboxedRuns).toBeGreaterThanOrEqual(0);
});

type Members = {
  members: { userId: string; email: string; role: string }[];
  invitations: { id: string; email: string; role: string }[];
};

test('teams: current, members, invite, cancel-invitation, set-role, remove-member, invitations, set-web-search', async () => {
  const current = await ok<{ role: string; team: { name: string }; webSearch: unknown }>('teams', 'current');
  expect(current).toMatchObject({ role: 'owner', webSearch: null });
  expect((await cli('teams', 'current')).stdout).toContain('you are owner');
  expect((await ok<Members>('teams', 'members')).members.map((m) => m.email)).toEqual([ownerEmail]);

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
  const colleagueCookie = await signUpAs(colleague, 'Colleague');
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
