import { afterAll, describe, expect, it, vi } from 'vitest';
import { createToolbox, redactSecrets, TOOL_NAMES } from './index';
import { makeWorktree, toolsFor } from './test-worktree';

const worktree = makeWorktree();
afterAll(() => worktree.cleanup());

describe('the toolbox', () => {
  it('offers the eight tools with a JSON Schema for each', () => {
    const webSearch = { search: async () => [] };
    const { specs } = createToolbox({ worktree: worktree.dir, secrets: [], webSearch });
    expect(specs.map((s) => s.name)).toEqual([
      'Read',
      'Write',
      'Edit',
      'Glob',
      'Grep',
      'Bash',
      'WebFetch',
      'WebSearch',
    ]);
    const edit = specs.find((s) => s.name === 'Edit')!;
    expect(edit.inputSchema).toMatchObject({
      type: 'object',
      required: ['file_path', 'old_string', 'new_string'],
      properties: { replace_all: { type: 'boolean' } },
    });
    expect(edit.inputSchema).not.toHaveProperty('$schema');
  });

  it('answers an unknown tool with the list of available ones', async () => {
    const { call } = toolsFor(worktree.dir);
    expect(await call('Delete', { path: 'x' })).toEqual({
      isError: true,
      content: `unknown tool "Delete". Available tools: ${TOOL_NAMES.filter((t) => t !== 'WebSearch').join(', ')}.`,
    });
  });

  it('offers only the listed tools, e.g. a reviewer without Write', async () => {
    const { toolbox, call } = toolsFor(worktree.dir, { only: ['Read', 'Grep'] });
    expect(toolbox.specs.map((s) => s.name)).toEqual(['Read', 'Grep']);
    expect((await call('Write', { file_path: 'x', content: 'y' })).content).toBe(
      'Write is not offered in this phase. Available tools: Read, Grep.',
    );
    expect(() => createToolbox({ worktree: worktree.dir, secrets: [], only: ['Rm'] })).toThrow(
      /Unknown tool name/,
    );
  });

  it('explains invalid arguments instead of throwing', async () => {
    const { call } = toolsFor(worktree.dir);
    const outcome = await call('Read', { path: 'README.md' });
    expect(outcome.isError).toBe(true);
    expect(outcome.content).toMatch(/^Read: invalid arguments:\n.*file_path/s);
  });

  it('leaves WebSearch out without a search backend, and says so if it is called anyway', async () => {
    const { toolbox, call } = toolsFor(worktree.dir);
    expect(toolbox.specs.map((s) => s.name)).not.toContain('WebSearch');
    const outcome = await call('WebSearch', { query: 'zod 4 toJSONSchema' });
    expect(outcome.isError).toBe(true);
    expect(outcome.content).toMatch(/^WebSearch is not offered in this phase\. Available tools: Read, /);
  });

  it('lists WebSearch results from the configured backend, redacted', async () => {
    const search = vi.fn(async () => [
      {
        title: 'Zod docs',
        url: 'https://zod.dev/json-schema',
        snippet: 'Convert with token sk-live-abcdefgh',
      },
    ]);
    const { call } = toolsFor(worktree.dir, { webSearch: { search }, secrets: ['sk-live-abcdefgh'] });
    expect((await call('WebSearch', { query: 'zod json schema' })).content).toBe(
      '1. Zod docs\n   https://zod.dev/json-schema\n   Convert with token [redacted]',
    );
  });

  it('redacts given secrets and credential-like env values even in file contents', async () => {
    const { call } = toolsFor(worktree.dir, {
      secrets: [],
      env: { PATH: process.env.PATH, GITHUB_TOKEN: 'ghp_abcdefghijkl' },
    });
    await call('Write', { file_path: 'leak.txt', content: 'token=ghp_abcdefghijkl\n' });
    expect((await call('Read', { file_path: 'leak.txt' })).content).toBe('     1\ttoken=[redacted]');
  });
});

describe('redactSecrets', () => {
  it('hides each secret and each *_KEY/*_TOKEN/*_SECRET env value of 8 characters or more', () => {
    const env = {
      ZAI_API_KEY: 'zai-key-value',
      SHORT_TOKEN: 'abc',
      APP_SECRET: 'app-secret-1',
      NAME: 'not-a-secret',
    };
    expect(redactSecrets('zai-key-value abc app-secret-1 not-a-secret db-pass', ['db-pass'], env)).toBe(
      '[redacted] abc [redacted] not-a-secret [redacted]',
    );
  });
});

describe("the worker's own settings", () => {
  it('keep the database URL and worker settings out of Bash, and redact the URL wherever it shows', async () => {
    const url = 'postgresql://postgres:s3cret-pw@127.0.0.1:54329/switchyard';
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: url, SWITCHYARD_SECRET_KEY: 'k'.repeat(44), WORKER_ID: 'w1' });
    try {
      const { call } = toolsFor(worktree.dir, { secrets: [] });
      const printed = await call('Bash', {
        command:
          'for v in DATABASE_URL SWITCHYARD_SECRET_KEY WORKER_ID; do printf "%s=%s " "$v" "$(printenv "$v" || echo unset)"; done',
      });
      expect(printed.content).toContain('DATABASE_URL=unset SWITCHYARD_SECRET_KEY=unset WORKER_ID=unset');
      await call('Write', { file_path: 'config.txt', content: `url=${url}\n` });
      expect((await call('Read', { file_path: 'config.txt' })).content).toBe('     1\turl=[redacted]');
    } finally {
      process.env = saved;
    }
  });
});
