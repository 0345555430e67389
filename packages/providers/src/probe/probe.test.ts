import { type FakeLlmServer, type FakeTurn, startFakeLlm } from '@switchyard/fake-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbeCli } from './cli-main';
import { probeProvider } from './probe';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlm({});
});
afterAll(async () => {
  await server.close();
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProbeCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  const last = out.at(-1);
  return { code, out, err, json: last?.startsWith('{') ? JSON.parse(last) : undefined };
}

const openai = (extra: string[] = []) => [
  '--protocol',
  'openai-chat',
  '--base-url',
  `${server.url}/v1`,
  '--model',
  'glm-4.7',
  '--provider',
  'zai',
  '--api-key',
  'k',
  '--json',
  ...extra,
];
const anthropic = (extra: string[] = []) => [
  '--protocol',
  'anthropic-messages',
  '--base-url',
  server.url,
  '--model',
  'claude-haiku-4-5',
  '--api-key',
  'k',
  '--json',
  ...extra,
];

describe('switchyard-probe against fake-llm', () => {
  it.each([
    ['openai-chat', openai],
    ['anthropic-messages', anthropic],
  ] as const)('prints a success on %s with a parsed tool call', async (protocol, args) => {
    server.setScript({
      turns: [
        {
          kind: 'reply',
          text: 'Calling.',
          toolCalls: [{ id: 't1', name: 'get_time', arguments: { timezone: 'UTC' } }],
          usage: { inputTokens: 12, outputTokens: 8 },
        },
      ],
    });
    const { code, json } = await cli(args(['--tools', '--stream']));
    expect(code).toBe(0);
    expect(json).toMatchObject({
      ok: true,
      protocol,
      text: 'Calling.',
      toolCalls: [{ id: 't1', name: 'get_time', arguments: { timezone: 'UTC' } }],
      usage: { inputTokens: 12, outputTokens: 8 },
      finishReason: 'tool_calls',
      error: null,
    });
    expect(Object.keys(json).sort()).toEqual(
      [
        'ok',
        'provider',
        'protocol',
        'model',
        'text',
        'reasoning',
        'toolCalls',
        'usage',
        'finishReason',
        'latencyMs',
        'error',
      ].sort(),
    );
    expect(JSON.stringify(server.requests.at(-1)?.body)).toContain('get_time');
  });

  const errorCases: [string, FakeTurn, Record<string, unknown>][] = [
    [
      'auth',
      { kind: 'error', status: 401, body: { error: { code: '1002', message: 'invalid token' } } },
      { class: 'auth', action: 'fail', httpStatus: 401, providerCode: '1002' },
    ],
    [
      'quota_exhausted',
      { kind: 'error', status: 429, body: { error: { code: '1113', message: 'Insufficient balance' } } },
      { class: 'quota_exhausted', action: 'fallback', providerCode: '1113' },
    ],
    [
      'rate_limited',
      {
        kind: 'error',
        status: 429,
        body: { error: { code: '1302', message: 'High concurrency' } },
        headers: { 'retry-after': '3' },
      },
      { class: 'rate_limited', action: 'retry', providerCode: '1302', retryAfterMs: 3000 },
    ],
    [
      'overloaded',
      { kind: 'error', status: 529, body: { error: { type: 'overloaded_error', message: 'Overloaded' } } },
      { class: 'overloaded', action: 'retry', httpStatus: 529 },
    ],
    [
      'server',
      { kind: 'error', status: 500, body: { error: { message: 'boom', type: 'server_error' } } },
      { class: 'server', action: 'retry', httpStatus: 500 },
    ],
    [
      'context_overflow',
      { kind: 'error', status: 400, body: { error: { code: '1261', message: 'Prompt exceeds max length' } } },
      { class: 'context_overflow', action: 'compact', providerCode: '1261' },
    ],
    [
      'invalid_request',
      { kind: 'error', status: 400, body: { error: { code: '1211', message: 'Model does not exist' } } },
      { class: 'invalid_request', action: 'fail', providerCode: '1211' },
    ],
    [
      'stream_interrupted',
      { kind: 'stream_error', afterText: 'Hel', error: { message: 'upstream died', type: 'server_error' } },
      { class: 'stream_interrupted', action: 'retry', httpStatus: null },
    ],
  ];
  it.each(errorCases)('prints %s with exit 1', async (_name, turn, error) => {
    server.setScript({ turns: [turn] });
    const before = server.requests.length;
    const { code, json } = await cli(openai(['--stream']));
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, finishReason: 'error', toolCalls: [], error });
    expect(typeof json.error.message).toBe('string');
    // One attempt, no retries.
    expect(server.requests.length - before).toBe(1);
  });

  it('prints network for a refused connection', async () => {
    const closed = await startFakeLlm({});
    const url = closed.url;
    await closed.close();
    const { code, json } = await cli([
      '--protocol',
      'openai-chat',
      '--base-url',
      url,
      '--model',
      'm',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(json.error).toMatchObject({ class: 'network', action: 'retry', httpStatus: null });
  });

  it('reports timeout and cancelled from the probe function', async () => {
    server.setScript({ turns: [{ kind: 'reply', text: 'late', delayMs: 2_000 }], repeatLast: true });
    const base = { protocol: 'openai-chat' as const, baseUrl: `${server.url}/v1`, model: 'm', apiKey: 'k' };
    expect((await probeProvider({ ...base, timeoutMs: 100 })).error).toMatchObject({
      class: 'timeout',
      action: 'retry',
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await probeProvider({ ...base, signal: controller.signal })).error).toMatchObject({
      class: 'cancelled',
      action: 'fail',
    });
  });

  it('exits 2 on bad arguments', async () => {
    expect((await cli(['--protocol', 'grpc', '--base-url', 'x', '--model', 'm'])).code).toBe(2);
    expect((await cli(['--nope'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });
});
