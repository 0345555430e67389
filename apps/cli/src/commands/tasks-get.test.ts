import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiOutputs } from '../api/client';
import { runCli } from '../run';
import type { Runtime } from '../runtime';
import { AT, TASK_ID, taskDetail } from '../test-support/task-detail';

type TaskDetail = ApiOutputs['tasks']['get'];
type Run = TaskDetail['runs'][number];

const id = TASK_ID;
const at = AT;

const run = (n: number, routing: Run['routing']): Run => ({
  id: `00000000-0000-7000-8000-00000000000${n}`,
  phase: 'qa',
  kind: 'qa.review',
  iteration: n,
  subtaskId: null,
  status: 'succeeded',
  routing,
  attempt: 1,
  maxAttempts: 3,
  inputTokens: 10,
  outputTokens: 5,
  cacheTokens: 0,
  costUsd: 0.25,
  createdAt: at,
  startedAt: at,
  finishedAt: at,
  durationMs: 1200,
  errorClass: null,
  errorMessage: null,
});

const summary = (provider: string, model: string): Run['routing'] => ({
  provider,
  providerLabel: provider,
  model,
  final: { provider, model },
  hops: [],
  fallbacks: 0,
  calls: 1,
  failedCalls: 0,
});

const detail: TaskDetail = taskDetail(
  {
    branch: null,
    baseCommit: null,
    head: null,
    deliveredTo: null,
    deliveredHead: null,
    deliveredAt: null,
    error: null,
    upToDate: false,
    landings: 0,
  },
  [run(1, summary('zai', 'glm-4.7')), run(2, summary('anthropic', 'claude-sonnet-4-6')), run(3, null)],
);

function runtime() {
  const out = { stdout: '', stderr: '' };
  const asked: string[] = [];
  const client = {
    tasks: {
      get: { query: async () => detail },
      runRouting: {
        query: async ({ runId }: { taskId: string; runId: string }) => {
          asked.push(runId);
          const routing = detail.runs.find((r) => r.id === runId)?.routing;
          return routing
            ? { provider: routing.provider, model: routing.model, trace: [{ step: 'profile' }] }
            : null;
        },
      },
    },
  } as unknown as ApiClient;
  const rt: Runtime = {
    env: {
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'switchyard-cli-get-')),
      SWITCHYARD_URL: 'http://localhost:3000',
      SWITCHYARD_API_KEY: 'sy_test',
    },
    stdin: (async function* () {})(),
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) } as unknown as Runtime['stderr'],
    interactive: false,
    color: false,
    createClient: () => client,
  };
  return { rt, out, asked };
}

describe('tasks get', () => {
  it("prints each run's provider/model from the summary, without fetching a decision", async () => {
    const { rt, out, asked } = runtime();
    expect(await runCli(['tasks', 'get', id], rt)).toBe(0);
    expect(out.stdout).toMatch(/qa\s+qa\.review\s+succeeded\s+zai\/glm-4\.7/);
    expect(out.stdout).toMatch(/qa\s+qa\.review\s+succeeded\s+anthropic\/claude-sonnet-4-6/);
    // The phase line: its last run, which has no decision yet.
    expect(out.stdout).toMatch(/qa\s+succeeded\s+-\s+3 run\(s\)/);
    expect(asked).toEqual([]);
  });

  it('with --json: each run with its whole decision (tasks.runRouting), null while it has none', async () => {
    const { rt, out, asked } = runtime();
    expect(await runCli(['tasks', 'get', id, '--json'], rt)).toBe(0);
    const document = JSON.parse(out.stdout) as { runs: { routing: unknown; routingDecision: unknown }[] };
    expect(document.runs.map((r) => r.routingDecision)).toEqual([
      { provider: 'zai', model: 'glm-4.7', trace: [{ step: 'profile' }] },
      { provider: 'anthropic', model: 'claude-sonnet-4-6', trace: [{ step: 'profile' }] },
      null,
    ]);
    expect(document.runs[0]!.routing).toMatchObject({ provider: 'zai', calls: 1 });
    expect(asked.sort()).toEqual([detail.runs[0]!.id, detail.runs[1]!.id]);
  });
});
