import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeRepository, parseJson } from './support/cli-harness';
import { type CliSession, expectExit, openCliSession } from './support/cli-session';

// Tasks after the worker ran them, from the CLI: get, events, artifact, retry, rerun; usage and sandbox stats.
// One owner drives only the built `switchyard` command (apps/cli/dist) against the real product (web +
// worker from serve.ts); the tests share that owner and run in order.
test.describe.configure({ mode: 'serial' });

let s: CliSession;
test.beforeAll(async () => {
  s = await openCliSession('Parity Tasks');
});
test.afterAll(() => s?.close());
const cli = (...args: string[]) => s.cli(...args);
const cliWithStdin = (input: string, ...args: string[]) => s.cliWithStdin(input, ...args);
const ok = <T>(...args: string[]) => s.ok<T>(...args);
const stamp = Date.now();

type Run = { phase: string; status: string; routingDecision: { provider: string; model: string } | null };
type Detail = { task: { id: string; status: string }; runs: Run[]; artifacts: { name: string }[] };

test('tasks get, events, artifact, retry and rerun a task the worker ran', async () => {
  test.setTimeout(300_000);
  const projectName = `Parity tasks ${stamp}`;
  expectExit(await cli('projects', 'create', projectName, '--repo-path', makeRepository()), 0);
  // Claude answers (the rerun below routes QA there, as the Balanced profile does).
  expectExit(
    await cliWithStdin(
      'sk-ant-parity-tasks-0001',
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
    ),
    0,
  );
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
    `${s.broke.url}/v1`,
    '--json',
  );
  expectExit(added, 0);
  const glmPhase = {
    provider: 'zai',
    model: 'glm-4.7',
    thinking: 'none',
    credentialId: parseJson<{ id: string }>(added).id,
  };
  const file = join(s.home, 'one-key.json');
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
  expectExit(await cli('credentials', 'edit', 'GLM topped up later', '--base-url', `${s.glm.url}/v1`), 0);
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
