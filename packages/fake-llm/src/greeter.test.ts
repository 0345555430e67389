import { afterAll, describe, expect, it } from 'vitest';
import { GREETER_FILE, greeterResponder, taskSummary } from './greeter';
import { startFakeLlm } from './server';
import { anthropicClient, openAiClient } from './test-clients';
import type { FakeReplyTurn, RecordedRequest } from './types';

const fake = await startFakeLlm({ responder: greeterResponder, label: 'demo' });
afterAll(() => fake.close());

const writeTool = {
  name: 'Write',
  description: 'Write a file',
  input_schema: {
    type: 'object' as const,
    properties: { file_path: { type: 'string' }, content: { type: 'string' } },
  },
};

function openAiRequest(body: Record<string, unknown>): RecordedRequest {
  return {
    protocol: 'openai-chat',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body,
    stream: false,
    model: 'm',
    receivedAt: 0,
  };
}
const reply = async (body: Record<string, unknown>) =>
  (await greeterResponder(openAiRequest(body))) as FakeReplyTurn;

describe('greeterResponder', () => {
  it('runs a two-turn coding session over Anthropic: Write HELLO.md, then a summary', async () => {
    const client = anthropicClient(fake.url);
    const task = 'Add a greeting file for new contributors';
    const ask = { model: 'claude-opus-5-5', max_tokens: 1024, tools: [writeTool] };
    const first = await client.messages
      .stream({ ...ask, messages: [{ role: 'user', content: task }] })
      .finalMessage();
    const call = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    expect(call).toMatchObject({ name: 'Write', input: { file_path: GREETER_FILE } });
    expect(call?.type === 'tool_use' && String((call.input as { content: string }).content)).toContain(task);

    const second = await client.messages
      .stream({
        ...ask,
        messages: [
          { role: 'user', content: task },
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: call?.type === 'tool_use' ? call.id : '', content: 'ok' },
            ],
          },
        ],
      })
      .finalMessage();
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]?.type === 'text' && second.content[0].text).toContain(GREETER_FILE);
  });

  it('follows the offered Write schema over OpenAI (path/text names) and stops after a tool result', async () => {
    const client = openAiClient(fake.url);
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'Write', parameters: { type: 'object', properties: { path: {}, text: {} } } },
      },
    ];
    const first = await client.chat.completions.create({
      model: 'glm-4.6',
      tools,
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toMatchObject({
      path: GREETER_FILE,
    });
    const done = await reply({
      tools,
      messages: [
        { role: 'user', content: 'Say hi' },
        { role: 'tool', tool_call_id: 'c', content: 'ok' },
      ],
    });
    expect(done.toolCalls).toBeUndefined();
    expect(done.text).toContain(GREETER_FILE);
  });

  it('answers a plan request asking for JSON with a valid plan', async () => {
    const turn = await reply({
      messages: [
        { role: 'system', content: 'Break the spec into subtasks. Reply with JSON only.' },
        { role: 'user', content: 'Spec: greet people' },
      ],
    });
    expect(JSON.parse(turn.text ?? '')).toEqual({
      subtasks: [{ id: '1', title: 'Write HELLO.md', acceptance: ['HELLO.md exists'] }],
    });
  });

  it('answers a QA review asking for JSON with an approval', async () => {
    const turn = await reply({
      messages: [
        {
          role: 'user',
          content: 'Review the change and answer in JSON: {"approved": boolean, "issues": []}',
        },
      ],
    });
    expect(JSON.parse(turn.text ?? '')).toEqual({ approved: true, issues: [] });
  });

  it('writes a short markdown spec when no tools and no JSON are asked for', async () => {
    const turn = await reply({
      messages: [{ role: 'user', content: 'Write a spec for: greet the team\nmore detail' }],
    });
    expect(turn.text).toMatch(/^# Write a spec for: greet the team\n/);
    expect(turn.text).toContain('## Acceptance criteria');
  });

  it('summarises the task as its first line, shortened', () => {
    expect(taskSummary('  First line\nsecond')).toBe('First line');
    expect(taskSummary('')).toBe('the task');
    expect(taskSummary('# Task\nAdd a greeting file\n\nMore detail')).toBe('Add a greeting file');
    expect(taskSummary('x'.repeat(100))).toHaveLength(80);
  });
});

describe('demo coder in the pipeline', () => {
  const request = (system: string, user: string, tools: string[] = []) =>
    ({
      protocol: 'openai-chat',
      method: 'POST',
      path: '/v1/chat/completions',
      headers: {},
      stream: false,
      model: 'demo',
      receivedAt: 0,
      body: {
        model: 'demo',
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        tools: tools.map((name) => ({
          type: 'function',
          function: { name, parameters: { type: 'object', properties: {} } },
        })),
      },
    }) as Parameters<typeof greeterResponder>[0];

  it('answers a complexity assessment with a valid object', async () => {
    const turn = await greeterResponder(
      request(
        'You assess how complex a task is. Reply with only a JSON object: {"complexity": "simple"}.',
        'Add a greeting',
      ),
    );
    expect(turn.kind === 'reply' && JSON.parse(turn.text ?? '')).toEqual({
      complexity: 'simple',
      reason: 'one new file',
    });
  });

  it('writes text, not a file, when only read-only tools are offered', async () => {
    const turn = await greeterResponder(
      request('You gather requirements.', 'Add a greeting', ['Read', 'Glob', 'Grep']),
    );
    expect(turn.kind).toBe('reply');
    expect(turn.kind === 'reply' && turn.toolCalls).toBeUndefined();
    expect(turn.kind === 'reply' && turn.text).toContain('# Add a greeting');
  });
});

describe('demo coder and the connection probe', () => {
  it('answers the probe with a call to its get_time tool', async () => {
    const turn = await greeterResponder({
      protocol: 'openai-chat',
      method: 'POST',
      path: '/v1/chat/completions',
      headers: {},
      stream: false,
      model: 'demo-coder',
      receivedAt: 0,
      body: {
        messages: [{ role: 'user', content: 'Call get_time with timezone "UTC".' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_time',
              parameters: { type: 'object', properties: { timezone: { type: 'string' } } },
            },
          },
        ],
      },
    });
    expect(turn).toEqual({
      kind: 'reply',
      toolCalls: [{ name: 'get_time', arguments: { timezone: 'UTC' } }],
    });
  });
});
