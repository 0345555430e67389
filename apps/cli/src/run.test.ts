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
