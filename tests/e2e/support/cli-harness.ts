// Helpers for tests/e2e/cli.e2e.ts: a user and an API key made over HTTP (better-auth's email
// sign-up, then tRPC), and the BUILT `switchyard` command run as a subprocess.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'apps', 'cli', 'dist', 'switchyard.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node apps/cli/dist/switchyard.js …args` with HOME and XDG_CONFIG_HOME in `home`; `stdin`, when
 * given, is written to its standard input (how secrets reach the CLI: never in argv).
 */
export function runCli(
  home: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        NO_COLOR: '1',
        ...env,
      },
    });
    child.stdin.end(stdin ?? ''); // no input: an empty standard input, closed at once
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one JSON document a `--json` command printed (throws with its output when it is not one). */
export function parseJson<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

export const tempHome = () => mkdtempSync(join(tmpdir(), 'switchyard-cli-home-'));

/** better-auth accepts browser-style requests only from the origin the app is served at. */
const originOf = (baseUrl: string) => baseUrl.replace('//127.0.0.1:', '//localhost:');

/** Signs a new user up by email and password; returns their session cookie. */
export async function signUp(
  baseUrl: string,
  name: string,
  email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`,
): Promise<{ cookie: string; email: string }> {
  const send = () =>
    fetch(`${baseUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: originOf(baseUrl) },
      body: JSON.stringify({ email, password: 'correct horse battery', name }),
    });
  let response = await send();
  // better-auth: 3 sign-ups per 10 s from one address (see accounts.ts); wait the window out.
  for (let attempt = 1; response.status === 429 && attempt < 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    response = await send();
  }
  if (!response.ok) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, email };
}

/** A tRPC call over plain HTTP (superjson's `{ json }` envelope; no Dates or BigInts sent). */
export async function trpc<T>(
  baseUrl: string,
  auth: { cookie?: string; apiKey?: string },
  path: string,
  input: unknown,
  type: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: originOf(baseUrl),
  };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
  const envelope = JSON.stringify({ json: input });
  const response =
    type === 'query'
      ? await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, { headers })
      : await fetch(`${baseUrl}/api/trpc/${path}`, { method: 'POST', headers, body: envelope });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}

/** A tiny git repository for the test's own project, so the test does not depend on the demo team. */
export function makeRepository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'switchyard-cli-repo-'));
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'README.md'), '# CLI test repository\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git(
    '-c',
    'user.name=CLI test',
    '-c',
    'user.email=cli@localhost',
    'commit',
    '--quiet',
    '-m',
    'Initial commit',
  );
  return repo;
}
