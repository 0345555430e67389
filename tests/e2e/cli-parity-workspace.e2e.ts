import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeRepository, parseJson } from './support/cli-harness';
import { type CliSession, expectExit, openCliSession } from './support/cli-session';

// The team's workspace from the CLI: projects and their settings, credentials, profiles.
// One owner drives only the built `switchyard` command (apps/cli/dist) against the real product (web +
// worker from serve.ts); the tests share that owner and run in order.
test.describe.configure({ mode: 'serial' });

let s: CliSession;
test.beforeAll(async () => {
  s = await openCliSession('Parity Workspace');
});
test.afterAll(() => s?.close());
const cli = (...args: string[]) => s.cli(...args);
const cliWithStdin = (input: string, ...args: string[]) => s.cliWithStdin(input, ...args);
const ok = <T>(...args: string[]) => s.ok<T>(...args);
const stamp = Date.now();

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
    s.claude.url,
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
    ['fake GLM', `${s.glm.url}/v1`, 'zai-parity-e2e-0002'],
    ['GLM without balance', `${s.broke.url}/v1`, 'zai-parity-e2e-0003'],
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
  // Each provider's keys in pool order: # is the place in the pool.
  expect(list.stdout).toMatch(/anthropic\s+1\s+fake Claude\s+…7301\s+yes/);
  expect(list.stdout).toMatch(/zai\s+1\s+fake GLM\s+…\d{4}\s+yes/);
  expect(list.stdout).toMatch(/zai\s+2\s+GLM without balance\s+…\d{4}\s+no/);
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
  const file = join(s.home, 'profile.json');
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
