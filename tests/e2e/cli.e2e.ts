import { statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
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

// The built `switchyard` command (apps/cli/dist, made by `pnpm build`) against the real product:
// web + worker from serve.ts, and fake providers started here. Tests share one user and run in order.
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT ?? 3100);
const baseUrl = `http://127.0.0.1:${port}`;
const PHASES = ['spec', 'planning', 'coding', 'qa'] as const;
const ZAI_1113 = {
  kind: 'error' as const,
  status: 429,
  body: { error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' } },
};

let claude: FakeLlmServer;
let glm: FakeLlmServer;
let broke: FakeLlmServer;
let home: string;
let apiKey: string;
let project: string;
const cli = (...args: string[]) => runCli(home, args);

interface Created {
  task: { id: string; status: string };
  routing: { phases: Record<string, { provider: string; model: string }> };
}
interface Preview {
  ok: boolean;
  phases: { phase: string; provider: string; model: string; credentialDescription: string; reason: string }[];
}

async function taskCount(): Promise<number> {
  const list = parseJson<{ items: unknown[] }>(await cli('tasks', 'list', '--limit', '100', '--json'));
  return list.items.length;
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectExit(result: CliResult, code: number) {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
}

test.beforeAll(async () => {
  claude = await startFakeLlm({ responder: greeterResponder, label: 'anthropic' });
  glm = await startFakeLlm({ responder: greeterResponder, label: 'zai' });
  broke = await startFakeLlm({ responder: () => ZAI_1113, label: 'zai out of balance' });
  home = tempHome();

  const { cookie } = await signUp(baseUrl, 'Cli');
  const key = await trpc<{ key: string }>(baseUrl, { cookie }, 'apiKeys.create', { name: 'cli e2e' });
  apiKey = key.key;
  const auth = { apiKey };
  project = `CLI project ${Date.now()}`;
  await trpc(baseUrl, auth, 'projects.create', { name: project, repoPath: makeRepository() });
  await trpc(baseUrl, auth, 'credentials.create', {
    provider: 'anthropic',
    label: 'fake Claude',
    protocol: 'anthropic-messages',
    baseUrl: claude.url,
    secret: 'sk-ant-cli-e2e-0001',
    isDefault: true,
  });
  await trpc(baseUrl, auth, 'credentials.create', {
    provider: 'zai',
    label: 'fake GLM',
    protocol: 'openai-chat',
    baseUrl: `${glm.url}/v1`,
    secret: 'zai-cli-e2e-0002',
    isDefault: true,
  });
  const brokeCredential = await trpc<{ id: string }>(baseUrl, auth, 'credentials.create', {
    provider: 'zai',
    label: 'GLM without balance',
    protocol: 'openai-chat',
    baseUrl: `${broke.url}/v1`,
    secret: 'zai-cli-e2e-broke-0003',
    isDefault: false,
  });
  const glmPhase = { provider: 'zai', model: 'glm-4.7', thinking: 'none', credentialId: brokeCredential.id };
  await trpc(baseUrl, auth, 'profiles.create', {
    name: 'GLM out of balance',
    phases: { spec: glmPhase, planning: glmPhase, coding: glmPhase, qa: glmPhase },
  });
});

test.afterAll(async () => {
  await claude?.close();
  await glm?.close();
  await broke?.close();
});

test('a missing login says how to log in (exit 3); login stores the key with mode 0600', async () => {
  const missing = await cli('tasks', 'list');
  expectExit(missing, 3);
  expect(missing.stderr).toContain('Not logged in');
  expect(missing.stderr).toContain('switchyard login --url URL --api-key KEY');

  const badUrl = await cli('login', '--url', 'localhost:3000', '--api-key', apiKey);
  expectExit(badUrl, 2);
  expect(badUrl.stderr).toContain('http:// or https://');

  const refused = await cli('login', '--url', baseUrl, '--api-key', 'sy_not-a-real-key', '--json');
  expectExit(refused, 3);
  expect(parseJson<{ error: { exitCode: number } }>(refused).error.exitCode).toBe(3);

  const closed = await closedPort();
  const unreachable = await cli('login', '--url', `http://127.0.0.1:${closed}`, '--api-key', apiKey);
  expectExit(unreachable, 4);
  expect(unreachable.stderr).toContain(
    `Cannot reach the Switchyard API at http://127.0.0.1:${closed}: ECONNREFUSED`,
  );

  const login = await cli('login', '--url', baseUrl, '--api-key', apiKey, '--json');
  expectExit(login, 0);
  const saved = parseJson<{ url: string; configPath: string; verified: boolean; role: string }>(login);
  expect(saved).toMatchObject({ url: baseUrl, verified: true, role: 'owner' });
  expect(saved.configPath).toBe(join(home, '.config', 'switchyard', 'config.json'));
  expect(statSync(saved.configPath).mode & 0o777).toBe(0o600);
});

test('projects set-check sets and clears the command QA runs; projects list shows it', async () => {
  type Row = { name: string; checkCommand: string | null };
  const set = await cli('projects', 'set-check', project, 'npm test', '--json');
  expectExit(set, 0);
  expect(parseJson<Row>(set)).toMatchObject({ name: project, checkCommand: 'npm test' });
  const listed = await cli('projects', 'list', '--json');
  expectExit(listed, 0);
  expect(parseJson<Row[]>(listed).find((p) => p.name === project)?.checkCommand).toBe('npm test');
  const human = await cli('projects', 'list');
  expect(human.stdout).toContain('check: npm test');

  const cleared = await cli('projects', 'set-check', project, '--none', '--json');
  expectExit(cleared, 0);
  expect(parseJson<Row>(cleared).checkCommand).toBeNull();
  expectExit(await cli('projects', 'set-check', project), 2);
  expectExit(await cli('projects', 'set-check', 'no such project', 'make test'), 2);
});

test('projects set-network sets and clears the hosts the sandbox lets commands reach; bad hosts say what to write', async () => {
  type Row = { name: string; networkAllow: string[] };
  const set = await cli(
    'projects',
    'set-network',
    project,
    'registry.npmjs.org',
    '*.pythonhosted.org',
    '--json',
  );
  expectExit(set, 0);
  expect(parseJson<Row>(set)).toMatchObject({
    name: project,
    networkAllow: ['registry.npmjs.org', '*.pythonhosted.org'],
  });
  const human = await cli('projects', 'list');
  expect(human.stdout).toContain('network: registry.npmjs.org, *.pythonhosted.org');

  const bad = await cli('projects', 'set-network', project, 'https://registry.npmjs.org/');
  expectExit(bad, 2);
  expect(bad.stderr).toContain('without a scheme or path');
  const cleared = await cli('projects', 'set-network', project, '--none', '--json');
  expectExit(cleared, 0);
  expect(parseJson<Row>(cleared).networkAllow).toEqual([]);
  expect((await cli('projects', 'list')).stdout).toContain('network: (none: commands have no network)');
  expectExit(await cli('projects', 'set-network', project), 2);
});

test('every command answers --help with exit 0', async () => {
  for (const command of [
    [],
    ['login'],
    ['tasks'],
    ['tasks', 'create'],
    ['tasks', 'list'],
    ['tasks', 'watch'],
    ['tasks', 'cancel'],
    ['routing'],
    ['routing', 'preview'],
    ['providers'],
    ['providers', 'check'],
    ['providers', 'list'],
    ['projects'],
    ['projects', 'list'],
    ['projects', 'set-check'],
    ['projects', 'set-network'],
  ]) {
    const help = await cli(...command, '--help');
    expectExit(help, 0);
    expect(help.stdout).toContain('Usage: switchyard');
  }
});

test('(1) tasks create --provider zai routes every phase to zai', async () => {
  const created = await cli(
    'tasks',
    'create',
    '--project',
    project,
    '--profile',
    'Balanced',
    '--provider',
    'zai',
    '--json',
    'Add a greeting file',
  );
  expectExit(created, 0);
  const { task, routing } = parseJson<Created>(created);
  for (const phase of PHASES) expect(routing.phases[phase]?.provider).toBe('zai');

  const cancelled = await cli('tasks', 'cancel', task.id, '--json');
  expectExit(cancelled, 0);
  expect(parseJson<{ taskId: string; taskCancelled: boolean }>(cancelled)).toMatchObject({ taskId: task.id });
});

test('(1) --phase-provider coding=zai --phase-model coding=glm-4.7 changes only coding', async () => {
  const base = parseJson<Preview>(
    await cli('routing', 'preview', '--project', project, '--profile', 'Balanced', '--json'),
  );
  const preview = await cli(
    'routing',
    'preview',
    '--project',
    project,
    '--profile',
    'Balanced',
    '--phase-provider',
    'coding=zai',
    '--phase-model',
    'coding=glm-4.7',
    '--json',
  );
  expectExit(preview, 0);
  const changed = parseJson<Preview>(preview);
  expect(changed.ok).toBe(true);
  for (const phase of changed.phases) {
    const before = base.phases.find((p) => p.phase === phase.phase)!;
    if (phase.phase === 'coding') {
      expect(phase).toMatchObject({ provider: 'zai', model: 'glm-4.7' });
      expect(phase.credentialDescription).toContain('fake GLM');
    } else
      expect({ provider: phase.provider, model: phase.model }).toEqual({
        provider: before.provider,
        model: before.model,
      });
  }
  expect(base.phases.map((p) => p.provider)).toEqual(['anthropic', 'anthropic', 'anthropic', 'anthropic']);

  const human = await cli(
    'routing',
    'preview',
    '--profile',
    'Balanced',
    '--phase-provider',
    'coding=glm',
    '--phase-model',
    'coding=glm-4.7',
  );
  expectExit(human, 0);
  expect(human.stdout).toMatch(/coding\s+zai\/glm-4\.7/);
  expect(human.stdout).toContain('why:');
  expect(human.stdout).toContain('credential: team default credential "fake GLM"');

  const created = await cli(
    'tasks',
    'create',
    '--project',
    project,
    '--profile',
    'Balanced',
    '--phase-provider',
    'coding=zai',
    '--phase-model',
    'coding=glm-4.7',
    '--budget',
    '5',
    '--json',
    'Only coding on GLM',
  );
  expectExit(created, 0);
  const { task, routing } = parseJson<Created>(created);
  expect(routing.phases.coding).toMatchObject({ provider: 'zai', model: 'glm-4.7' });
  for (const phase of ['spec', 'planning', 'qa']) expect(routing.phases[phase]?.provider).toBe('anthropic');
  expectExit(await cli('tasks', 'cancel', task.id), 0);
});

test('(2) tasks watch follows a task to done and exits 0', async () => {
  test.setTimeout(180_000);
  const created = parseJson<Created>(
    await cli('tasks', 'create', '--project', project, '--profile', 'Balanced', '--json', 'Write HELLO.md'),
  );
  const watch = await cli('tasks', 'watch', created.task.id);
  expectExit(watch, 0);
  for (const phase of PHASES) expect(watch.stdout).toContain(`── ${phase} ──`);
  expect(watch.stdout).toContain('routed to anthropic/');
  expect(watch.stdout).toContain('Task done.');

  // A settled task replays its log and ends at once; --json gives one document.
  const again = await cli('tasks', 'watch', created.task.id, '--json');
  expectExit(again, 0);
  const report = parseJson<{
    outcome: string;
    exitCode: number;
    phases: { phase: string; status: string }[];
    events: unknown[];
  }>(again);
  expect(report).toMatchObject({ outcome: 'done', exitCode: 0 });
  expect(report.phases.map((p) => p.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  expect(report.events.length).toBeGreaterThan(0);

  const done = parseJson<{ items: { id: string }[] }>(
    await cli('tasks', 'list', '--status', 'done', '--json'),
  );
  expect(done.items.map((t) => t.id)).toContain(created.task.id);
});

test('(2) a task blocked by a quota error makes tasks watch exit 1 with the actionable message', async () => {
  test.setTimeout(180_000);
  const created = parseJson<Created>(
    await cli(
      'tasks',
      'create',
      '--project',
      project,
      '--profile',
      'GLM out of balance',
      '--json',
      'Needs GLM',
    ),
  );
  const watch = await cli('tasks', 'watch', created.task.id);
  expectExit(watch, 1);
  expect(watch.stdout).toMatch(/spec\s+blocked\s+zai\/glm-4\.7/);
  // The profile pins the key that has no balance: it rests until edited, and the task says so.
  expect(watch.stderr).toMatch(
    /task blocked: Z\.AI key "GLM without balance" rests until the credential is edited \(1113 no balance: Insufficient balance/,
  );
  expect(watch.stderr).toContain('top up the account and edit the credential, add a key, or add a fallback');

  const json = parseJson<{ outcome: string; reason: string; exitCode: number }>(
    await cli('tasks', 'watch', created.task.id, '--json'),
  );
  expect(json).toMatchObject({ outcome: 'blocked', exitCode: 1 });
  expect(json.reason).toContain('1113');
});

test('(3) an unknown provider, a malformed PHASE=X pair or a missing login each say what to fix, and create nothing', async () => {
  const before = await taskCount();
  const create = (...flags: string[]) =>
    cli('tasks', 'create', '--project', project, '--profile', 'Balanced', ...flags, 'Should not exist');

  const unknown = await create('--provider', 'nope');
  expectExit(unknown, 2);
  expect(unknown.stderr).toContain('Unknown provider "nope"');
  expect(unknown.stderr).toMatch(/Known providers: anthropic, zai, openai/);

  const unknownPhaseProvider = await create('--phase-provider', 'coding=nope', '--json');
  expectExit(unknownPhaseProvider, 2);
  expect(parseJson<{ error: { message: string } }>(unknownPhaseProvider).error.message).toContain('nope');

  const noEquals = await create('--phase-provider', 'codingzai');
  expectExit(noEquals, 2);
  expect(noEquals.stderr).toContain('--phase-provider "codingzai": expected PHASE=PROVIDER');
  expect(noEquals.stderr).toContain('e.g. --phase-provider coding=zai');

  const badPhase = await create('--phase-model', 'testing=glm-4.7');
  expectExit(badPhase, 2);
  expect(badPhase.stderr).toContain('"testing" is not a phase (phases: spec, planning, coding, qa)');

  const badThinking = await create('--phase-thinking', 'coding=maximum');
  expectExit(badThinking, 2);
  expect(badThinking.stderr).toContain('none|low|medium|high|ultrathink');

  const loggedOut = await runCli(tempHome(), [
    'tasks',
    'create',
    '--project',
    project,
    '--profile',
    'Balanced',
    'x',
  ]);
  expectExit(loggedOut, 3);
  expect(loggedOut.stderr).toContain('Not logged in');
  expect(loggedOut.stderr).toContain('switchyard login');

  expect(await taskCount()).toBe(before);
});

test('(4) --json output of every command parses as JSON', async () => {
  const list = await cli('tasks', 'list', '--limit', '2', '--json');
  expectExit(list, 0);
  expect(parseJson<{ items: unknown[]; nextCursor: string | null }>(list).items).toHaveLength(2);

  const check = await cli('providers', 'check', '--json');
  expectExit(check, 1); // the credential without balance fails its check
  const report = parseJson<{
    ok: boolean;
    results: { credential: { label: string }; check: { ok: boolean } | null }[];
  }>(check);
  expect(report.ok).toBe(false);
  const byLabel = Object.fromEntries(report.results.map((r) => [r.credential.label, r.check?.ok]));
  expect(byLabel).toMatchObject({ 'fake Claude': true, 'fake GLM': true, 'GLM without balance': false });

  const human = await cli('providers', 'check', '--provider', 'anthropic');
  expectExit(human, 0);
  expect(human.stdout).toContain('reachable and authenticated');

  // providers list: what a phase can be routed to, with the team's credentials for each.
  const providers = await cli('providers', 'list', '--json');
  expectExit(providers, 0);
  const listing = parseJson<{
    providers: { id: string; source: string; credentials: number; models: string[] }[];
    modelAliases: string[];
  }>(providers);
  const byId = Object.fromEntries(listing.providers.map((p) => [p.id, p]));
  expect(byId.zai).toMatchObject({ source: 'builtin', credentials: 2 });
  expect(byId.anthropic?.credentials).toBe(1);
  expect(byId.zai?.models).toContain('glm-4.7');
  expect(listing.modelAliases).toContain('opus');
  const table = await cli('providers', 'list');
  expectExit(table, 0);
  expect(table.stdout).toMatch(/^zai\s+builtin\s+openai-chat\s+2 credentials/m);

  const usage = await cli('tasks', 'list', '--status', 'sleeping', '--json');
  expectExit(usage, 2);
  expect(parseJson<{ error: { message: string } }>(usage).error.message).toContain('--status must be one of');

  const unknownFlag = await cli('tasks', 'list', '--colour', '--json');
  expectExit(unknownFlag, 2);
  expect(parseJson<{ error: { exitCode: number } }>(unknownFlag).error.exitCode).toBe(2);
});
