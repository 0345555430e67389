import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiOutputs } from '../api/client';
import { runCli } from '../run';
import type { Runtime } from '../runtime';
import { AT, TASK_ID, taskDetail } from '../test-support/task-detail';

type TaskDetail = ApiOutputs['tasks']['get'];

const id = TASK_ID;
const branch = `switchyard/${id}`;
const at = AT;
const head = 'abc1234def5678abc1234def5678abc1234def56';

const settled: TaskDetail = taskDetail({
  branch,
  baseCommit: 'f'.repeat(40),
  head,
  deliveredTo: 'https://git.example.com/shop.git',
  deliveredHead: head,
  deliveredAt: at,
  error: null,
  upToDate: true,
  landings: 3,
});

/** `tasks watch` against a task that has already settled: the stream replays nothing and ends. */
function runtime() {
  const out = { stdout: '', stderr: '' };
  const client = {
    tasks: {
      get: { query: async () => settled },
      subscribe: {
        subscribe: (_input: unknown, handlers: { onComplete: () => void }) => {
          setTimeout(() => handlers.onComplete(), 0);
          return { unsubscribe: () => {} };
        },
      },
    },
  } as unknown as ApiClient;
  const rt: Runtime = {
    env: {
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'switchyard-cli-watch-')),
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
  return { rt, out };
}

describe('tasks watch says where the branch is when the task ends', () => {
  it('with --json: a delivery object in the final document', async () => {
    const { rt, out } = runtime();
    expect(await runCli(['tasks', 'watch', id, '--json'], rt)).toBe(0);
    const document = JSON.parse(out.stdout);
    expect(document).toMatchObject({ outcome: 'done', exitCode: 0 });
    expect(document.delivery).toEqual({
      branch,
      baseCommit: 'f'.repeat(40),
      head,
      deliveredTo: 'https://git.example.com/shop.git',
      deliveredHead: head,
      deliveredAt: '2026-01-02T03:04:05.000Z',
      error: null,
      upToDate: true,
      landings: 3,
    });
    expect(document.task.delivery).toEqual(document.delivery);
  });

  it('as text: its last line', async () => {
    const { rt, out } = runtime();
    expect(await runCli(['tasks', 'watch', id], rt)).toBe(0);
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Branch ${branch} delivered to https://git.example.com/shop.git (commit abc1234, 2026-01-02 03:04:05)`,
    );
  });
});
