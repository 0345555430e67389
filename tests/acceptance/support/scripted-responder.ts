import { type FakeResponder, type FakeTurn, greeterResponder, readConversation } from '@switchyard/fake-llm';

type View = ReturnType<typeof readConversation>;

/**
 * The demo coder, except where `override` answers: lets a test script one moment of the pipeline
 * (the coder's first call, a spec step) and leave the rest to the deterministic demo.
 */
export function scriptedResponder(override: (view: View) => FakeTurn | undefined): FakeResponder {
  return (request) => override(readConversation(request)) ?? greeterResponder(request);
}

/** The coding (or QA fix) session: the one that is offered the Write tool. */
export function isCoderCall(view: View): boolean {
  return view.tools.some((tool) => tool.name === 'Write');
}

export function bashCall(command: string): FakeTurn {
  return { kind: 'reply', text: `Running ${command}`, toolCalls: [{ name: 'Bash', arguments: { command } }] };
}
