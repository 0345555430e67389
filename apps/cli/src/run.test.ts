import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import type { Runtime } from './runtime';

/** A runtime whose API client must never be used: these command lines fail before any call. */
function runtime(stdin: string[] = []) {
  const out = { stdout: '', stderr: '' };
  const rt: Runtime = {
    env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'switchyard-cli-run-')) },
    stdin: (async function* () {
      yield* stdin;
    })(),
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) } as unknown as Runtime['stderr'],
    interactive: false,
    color: false,
    createClient: () => {
      throw new Error('no API call expected');
    },
  };
  return { rt, out };
}

describe('the command line', () => {
  it('shows help with exit 0, and the exit codes in the top-level help', async () => {
    const { rt, out } = runtime();
    expect(await runCli(['--help'], rt)).toBe(0);
    expect(out.stdout).toContain('Exit codes:');
    expect(out.stdout).toContain('4  the server could not be reached');
  });

  it('is bad usage (exit 2) without a command, with an unknown option or a missing required one', async () => {
    for (const argv of [
      [],
      ['tasks', 'list', '--colour'],
      ['tasks', 'create', 'x'],
      ['login', '--url', 'http://x'],
    ]) {
      const { rt, out } = runtime();
      expect(await runCli(argv, rt), argv.join(' ')).toBe(2);
      expect(out.stderr).not.toBe('');
    }
  });

  it('checks flags before the login: a malformed pair is exit 2 even when logged out', async () => {
    const { rt, out } = runtime();
    const code = await runCli(
      ['tasks', 'create', '--project', 'P', '--profile', 'B', '--phase-model', 'coding', 'x'],
      rt,
    );
    expect(code).toBe(2);
    expect(out.stderr).toContain('--phase-model "coding": expected PHASE=MODEL');
  });

  it('is exit 3 saying how to log in when valid flags meet no login', async () => {
    const { rt, out } = runtime();
    expect(await runCli(['tasks', 'watch', '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11'], rt)).toBe(3);
    expect(out.stderr).toContain('switchyard: Not logged in');
    expect(out.stderr).toContain('Run: switchyard login --url URL --api-key KEY');
  });

  it('prints one JSON error document on stdout with --json', async () => {
    const { rt, out } = runtime();
    expect(await runCli(['tasks', 'list', '--limit', '0', '--json'], rt)).toBe(2);
    expect(JSON.parse(out.stdout)).toEqual({
      error: {
        message: '--limit must be at least 1',
        exitCode: 2,
        hint: 'See switchyard tasks list --help.',
        details: [],
      },
    });
    const unknown = runtime();
    expect(await runCli(['tasks', 'list', '--colour', '--json'], unknown.rt)).toBe(2);
    expect(JSON.parse(unknown.out.stdout).error.message).toContain("unknown option '--colour'");
  });

  it('reads the key from stdin with --api-key -, and stores it with --no-verify', async () => {
    const { rt, out } = runtime(['sy_from_stdin\n']);
    expect(
      await runCli(
        ['login', '--url', 'http://localhost:3000/', '--api-key', '-', '--no-verify', '--json'],
        rt,
      ),
    ).toBe(0);
    const saved = JSON.parse(out.stdout);
    expect(saved).toMatchObject({ url: 'http://localhost:3000', verified: false });
    expect(JSON.parse(readFileSync(saved.configPath, 'utf8'))).toEqual({
      url: 'http://localhost:3000',
      apiKey: 'sy_from_stdin',
    });
  });
});

describe('the parity commands check their input before any call', () => {
  // Each is exit 2 naming what is wrong, logged out and without touching the API.
  const cases: [string[], string][] = [
    [['projects', 'create', 'Shop'], 'either --repo-path PATH or --git-url URL'],
    [['projects', 'create', 'Shop', '--repo-path', '/r', '--git-url', 'https://x/y.git'], '--repo-path'],
    [['projects', 'update', 'Shop'], 'Nothing to change.'],
    [['projects', 'delete', 'Shop'], 'Run it again with --yes'],
    [['projects', 'set-qa-cap', 'Shop', '0'], 'from 1 to 20'],
    [['projects', 'set-qa-cap', 'Shop', 'three'], 'from 1 to 20'],
    [['projects', 'set-bash-allow', 'Shop'], 'Give either the patterns to allow or --none.'],
    [['projects', 'set-bash-allow', 'Shop', 'npm test', '--none'], 'or --none'],
    [['profiles', 'create'], "required option '--file <FILE>'"],
    [['credentials', 'add', '--provider', 'zai', '--protocol', 'grpc'], 'Use one of: anthropic-messages'],
    [['credentials', 'edit', 'GLM'], 'Nothing to change.'],
    [['credentials', 'edit', 'GLM', '--position', '-1'], 'is not a whole number from 0 to 1000'],
    [['credentials', 'edit', 'GLM', '--weight', '0'], '--weight "0" is not a whole number from 1 to 100.'],
    [['credentials', 'add', '--provider', 'zai', '--weight', 'heavy'], 'from 1 to 100'],
    [['credentials', 'clear-rest'], "missing required argument 'CREDENTIAL'"],
    [['profiles', 'update', 'Mine'], 'Nothing to change.'],
    [
      ['profiles', 'update', 'Mine', '--key-reserve', '60'],
      '--key-reserve "60" is not a whole number from 0 to 50.',
    ],
    [['profiles', 'create', '--file', '-', '--key-wait-max', '1.5'], 'from 0 to 86400'],
    [['tasks', 'retry', '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11', 'testing'], 'Phases, in order: spec'],
    [['tasks', 'rerun', 'not-a-uuid', 'coding'], 'is not a task id'],
    [
      ['tasks', 'rerun', '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11', 'qa', '--budget', '2'],
      'keeps the task’s budget',
    ],
    [['tasks', 'events', '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11', '--after', 'x'], 'not an event cursor'],
    [['teams', 'invite', 'ada@example.com', '--role', 'boss'], 'Roles: owner, admin, member, viewer'],
    [['teams', 'invite', 'ada'], 'is not an email address'],
    [['teams', 'set-web-search'], 'Give either a SearXNG URL or --none.'],
    [['api-keys', 'create', 'CI', '--expires-in-days', '0'], 'from 1 to 3650'],
    [['stats', 'usage', '--days', '400'], 'from 1 to 366'],
  ];
  for (const [argv, message] of cases)
    it(argv.join(' '), async () => {
      const { rt, out } = runtime();
      expect(await runCli(argv, rt)).toBe(2);
      expect(out.stderr).toContain(message);
    });

  it('reads a credential key from stdin only: an empty stdin is exit 2 showing how to pipe it', async () => {
    const { rt, out } = runtime(['']);
    expect(await runCli(['credentials', 'add', '--provider', 'zai', '--json'], rt)).toBe(2);
    expect(JSON.parse(out.stdout).error).toMatchObject({
      message: 'No API key on stdin.',
      hint: expect.stringContaining('| switchyard credentials add'),
    });
  });

  it('refuses a profile file that is not a JSON object, naming the file', async () => {
    const { rt, out } = runtime(['name: yaml?']);
    expect(await runCli(['profiles', 'create', '--file', '-'], rt)).toBe(2);
    expect(out.stderr).toContain('switchyard: - is not JSON');
    expect(out.stderr).toContain('switchyard profiles get Balanced --json > profile.json');
  });
});
