import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The bin as users run it: bundled like `pnpm build` does, then executed by plain `node`.
const run = promisify(execFile);
let server: FakeLlmServer;
let bin: string;

beforeAll(async () => {
  // Inside the package, so that its externals (the SDKs) resolve from its node_modules as in dist/.
  const cacheDir = new URL('../../node_modules/.cache/', import.meta.url).pathname;
  await mkdir(cacheDir, { recursive: true });
  bin = join(await mkdtemp(join(cacheDir, 'switchyard-probe-')), 'probe-cli.js');
  await build({
    entryPoints: [new URL('./cli.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bin,
    absWorkingDir: new URL('../..', import.meta.url).pathname,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  server = await startFakeLlm({});
});
afterAll(() => server.close());

async function probe(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const result = await run(process.execPath, [bin, ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return { code: result.code, json: JSON.parse(last) };
}

/** A GLM probe through the fake server, as a user would type it. */
const glmArgs = (...extra: string[]) =>
  `--protocol openai-chat --base-url ${server.url}/v1 --model glm-4.7 --provider zai --api-key k ${extra.join(' ')} --json`
    .split(' ')
    .filter(Boolean);

describe('the built switchyard-probe bin', () => {
  it('prints one JSON object with the reply and exits 0 on success', async () => {
    server.setScript({
      turns: [{ kind: 'reply', text: 'pong', usage: { inputTokens: 12, outputTokens: 3 } }],
    });
    const { code, json } = await probe(glmArgs('--stream'));
    expect(code).toBe(0);
    expect(json).toMatchObject({
      ok: true,
      provider: 'zai',
      protocol: 'openai-chat',
      model: 'glm-4.7',
      text: 'pong',
      usage: { inputTokens: 12, outputTokens: 3 },
      finishReason: 'stop',
      error: null,
    });
  });

  it('classifies a Z.AI 1113 balance error as quota_exhausted and exits 1', async () => {
    server.setScript({
      turns: [
        {
          kind: 'error',
          status: 429,
          body: {
            error: { code: '1113', message: 'Insufficient balance or no resource package. Please recharge.' },
          },
        },
      ],
    });
    const { code, json } = await probe(glmArgs());
    expect(code).toBe(1);
    expect(json).toMatchObject({
      ok: false,
      finishReason: 'error',
      error: { class: 'quota_exhausted', httpStatus: 429, providerCode: '1113' },
    });
  });
});
