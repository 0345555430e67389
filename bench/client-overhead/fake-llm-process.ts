// The fake provider in its own process, so that its CPU work does not share the client's event loop
// (on 2 cores the two run in parallel, as a real provider would). Prints its URL, stops on SIGTERM.
import { type FakeTurn, startFakeLlm } from '@switchyard/fake-llm';
import { REPLY_TEXT, TOOL_CALL } from './scenarios';

const text: FakeTurn = { kind: 'reply', text: REPLY_TEXT, usage: { inputTokens: 40, outputTokens: 60 } };
const tool: FakeTurn = {
  kind: 'reply',
  toolCalls: [{ id: 'call_bench', name: TOOL_CALL.name, arguments: TOOL_CALL.arguments }],
  usage: { inputTokens: 80, outputTokens: 20 },
};

const server = await startFakeLlm({
  label: 'client-overhead',
  responder: (request) => (Array.isArray(request.body?.tools) && request.body.tools.length ? tool : text),
});
// The server records every request; a benchmark makes thousands.
setInterval(() => server.reset(), 1_000).unref();
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().finally(() => process.exit(0)));
