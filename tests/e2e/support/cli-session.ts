// One owner who drives the built `switchyard` command, logged in with an API key, and the fake
// providers their credentials point at: the setup the CLI parity tests share (tests/e2e/cli-parity-*).
import { expect } from '@playwright/test';
import { type FakeLlmServer, greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import { type CliResult, parseJson, runCli, signUp, tempHome, trpc } from './cli-harness';

export const E2E_BASE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

/** Z.AI's answer when a key has no balance left (business code 1113). */
const ZAI_1113 = {
  kind: 'error' as const,
  status: 429,
  body: { error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' } },
};

export function expectExit(result: CliResult, code: number) {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
}

export interface CliSession {
  home: string;
  ownerEmail: string;
  /** The owner's browser session, for what the CLI cannot do (accepting an invitation). */
  cookie: string;
  /** Anthropic and Z.AI fakes that answer, and a Z.AI fake whose key has no balance. */
  claude: FakeLlmServer;
  glm: FakeLlmServer;
  broke: FakeLlmServer;
  cli(...args: string[]): Promise<CliResult>;
  /** The CLI with `input` on stdin (how secrets reach it: never in argv). */
  cliWithStdin(input: string, ...args: string[]): Promise<CliResult>;
  /** Runs a `--json` command that must succeed and returns its document. */
  ok<T>(...args: string[]): Promise<T>;
  close(): Promise<void>;
}

/** Signs a new owner up, gives them an API key and logs the CLI in with it. */
export async function openCliSession(name: string): Promise<CliSession> {
  const claude = await startFakeLlm({ responder: greeterResponder, label: 'anthropic' });
  const glm = await startFakeLlm({ responder: greeterResponder, label: 'zai' });
  const broke = await startFakeLlm({ responder: () => ZAI_1113, label: 'zai out of balance' });
  const home = tempHome();
  const owner = await signUp(E2E_BASE_URL, name);
  const cli = (...args: string[]) => runCli(home, args);
  const cliWithStdin = (input: string, ...args: string[]) => runCli(home, args, {}, input);
  const key = await trpc<{ key: string }>(E2E_BASE_URL, { cookie: owner.cookie }, 'apiKeys.create', {
    name: `${name} e2e`,
  });
  expectExit(await cliWithStdin(key.key, 'login', '--url', E2E_BASE_URL, '--api-key', '-'), 0);
  return {
    home,
    ownerEmail: owner.email,
    cookie: owner.cookie,
    claude,
    glm,
    broke,
    cli,
    cliWithStdin,
    async ok<T>(...args: string[]) {
      const result = await cli(...args, '--json');
      expectExit(result, 0);
      return parseJson<T>(result);
    },
    async close() {
      await Promise.all([claude.close(), glm.close(), broke.close()]);
    },
  };
}
