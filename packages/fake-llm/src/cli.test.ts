import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAiClient } from './test-clients';

const packageDir = resolve(import.meta.dirname, '..');
const cliArgs = ['--import', 'tsx', 'src/cli.ts'];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the CLI and resolves with its URL once it printed the listening line. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...cliArgs, ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /^fake-llm listening on (http:\/\/\S+)$/m.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`fake-llm exited with ${code}: ${output}`)));
  });
  return { child, url };
}

describe('fake-llm CLI', () => {
  it('serves a script file, prints one listening line and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-llm-cli-'));
    const script = join(dir, 'script.json');
    writeFileSync(
      script,
      JSON.stringify({ turns: [{ kind: 'reply', text: 'from the CLI' }], repeatLast: true }),
    );
    const { child, url } = await startCli(['--port', '0', '--script', script]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const completion = await openAiClient(url).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('from the CLI');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('answers with the greeter responder', async () => {
    const { url } = await startCli(['--greeter']);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const completion = await openAiClient(url).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Plan it. Reply in JSON with subtasks.' }],
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toHaveProperty('subtasks');
  });

  it('prints help, and exits 2 with a message on bad arguments', () => {
    const help = spawnSync(process.execPath, [...cliArgs, '--help'], { cwd: packageDir, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: fake-llm');
    const bad = spawnSync(process.execPath, [...cliArgs, '--port', 'abc'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer');
    const unknown = spawnSync(process.execPath, [...cliArgs, '--nope'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    const missing = spawnSync(process.execPath, [...cliArgs, '--transcript', '/nonexistent.json'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent.json');
  });
});
