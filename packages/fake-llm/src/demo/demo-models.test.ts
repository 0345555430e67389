import { afterAll, describe, expect, it } from 'vitest';
import { startFakeLlm } from '../server';
import { anthropicClient } from '../test-clients';
import type { FakeReplyTurn, RecordedRequest } from '../types';
import { demoCoderResponder } from './coder';
import { demoPlannerResponder } from './planner';
import { DEMO_BUG } from './shop-repository';

const planner = await startFakeLlm({ responder: demoPlannerResponder, label: 'Demo planner' });
afterAll(() => planner.close());

const tools = ['Read', 'Write', 'Edit', 'Bash'].map((name) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: { file_path: {}, command: {} } } },
}));
const request = (messages: unknown[]): RecordedRequest => ({
  protocol: 'openai-chat',
  method: 'POST',
  path: '/v1/chat/completions',
  headers: {},
  body: { model: 'demo-coder-1', tools, messages },
  stream: true,
  model: 'demo-coder-1',
  receivedAt: 0,
});
const callTurn = (name: string, args: unknown, id: string) => ({
  role: 'assistant',
  tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
});

describe('the offline demo models', () => {
  it('the planner answers the plan step over the Anthropic protocol with one subtask naming the buggy file', async () => {
    const reply = await anthropicClient(planner.url).messages.create({
      model: 'demo-planner-1',
      max_tokens: 1024,
      system: 'Reply with only a JSON object: {"subtasks": [...]}',
      messages: [{ role: 'user', content: DEMO_BUG.symptom }],
    });
    const text = reply.content.find((block) => block.type === 'text');
    const plan = JSON.parse(text?.type === 'text' ? text.text : '{}');
    expect(plan.subtasks).toHaveLength(1);
    expect(plan.subtasks[0].title).toContain(DEMO_BUG.file);
  });

  it('the coder reads the file, edits the buggy line, runs the named check, then reports its result', async () => {
    const brief = { role: 'user', content: '# Task\nFix it\n\n# Project check\nRun `npm test` with Bash.' };
    const step = async (messages: unknown[]) =>
      (await demoCoderResponder(request(messages))) as FakeReplyTurn;

    const read = await step([brief]);
    expect(read.toolCalls?.[0]).toMatchObject({ name: 'Read', arguments: { file_path: DEMO_BUG.file } });

    const afterRead = [brief, callTurn('Read', { file_path: DEMO_BUG.file }, 'c1')];
    const edit = await step([
      ...afterRead,
      { role: 'tool', tool_call_id: 'c1', content: `7\t${DEMO_BUG.buggy}` },
    ]);
    expect(edit.toolCalls?.[0]).toMatchObject({
      name: 'Edit',
      arguments: { old_string: DEMO_BUG.buggy, new_string: DEMO_BUG.fixed },
    });

    const afterEdit = [
      ...afterRead,
      { role: 'tool', tool_call_id: 'c1', content: DEMO_BUG.buggy },
      callTurn('Edit', {}, 'c2'),
      { role: 'tool', tool_call_id: 'c2', content: 'edited' },
    ];
    const bash = await step(afterEdit);
    expect(bash.toolCalls?.[0]).toMatchObject({ name: 'Bash', arguments: { command: 'npm test' } });

    const ran = [...afterEdit, callTurn('Bash', { command: 'npm test' }, 'c3')];
    const passed = await step([
      ...ran,
      { role: 'tool', tool_call_id: 'c3', content: '# pass 3\n[exit code: 0]' },
    ]);
    expect(passed.toolCalls ?? []).toEqual([]);
    expect(passed.text).toContain('`npm test` passes');
    const failed = await step([
      ...ran,
      { role: 'tool', tool_call_id: 'c3', content: '# fail 1\n[exit code: 1]' },
    ]);
    expect(failed.text).toContain('still fails');
  });

  it('the coder skips the edit when the file is already fixed', async () => {
    const brief = { role: 'user', content: 'Fix it' };
    const turn = (await demoCoderResponder(
      request([
        brief,
        callTurn('Read', { file_path: DEMO_BUG.file }, 'c1'),
        { role: 'tool', tool_call_id: 'c1', content: DEMO_BUG.fixed },
      ]),
    )) as FakeReplyTurn;
    expect(turn.toolCalls?.[0]?.name).toBe('Bash');
  });
});
