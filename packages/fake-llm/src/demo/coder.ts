import { type ConversationView, readConversation } from '../conversation';
import { pathKeyOf, probeReply } from '../probe-reply';
import type { FakeResponder, FakeTurn } from '../types';
import { DEMO_BUG, DEMO_CHECK_COMMAND } from './shop-repository';

/**
 * "Demo coder", the offline demo's coding and QA model (served on OpenAI Chat Completions). As a
 * coder or fixer (Edit and Bash offered) it works like an agent would: Read the buggy file, Edit
 * the wrong line (only if it is still there), run the project's check with Bash, then sum up what
 * the check said. As a reviewer (read-only tools) it approves: the pipeline's own check run is what
 * stops a change that breaks the tests.
 */
export const demoCoderResponder: FakeResponder = (request) => coderReply(readConversation(request));

function coderReply(view: ConversationView): FakeTurn {
  const probe = probeReply(view);
  if (probe) return probe;
  const tool = (name: string) => view.tools.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const [read, edit, bash] = [tool('Read'), tool('Edit'), tool('Bash')];
  if (!edit || !bash || !read) return { kind: 'reply', text: JSON.stringify({ approved: true, issues: [] }) };

  const check = checkCommandOf(view);
  const last = view.toolCalls.at(-1);
  const lastResult = view.toolResults.at(-1) ?? '';
  const call = (name: string, text: string, args: Record<string, unknown>): FakeTurn => ({
    kind: 'reply',
    text,
    toolCalls: [{ name, arguments: args }],
  });

  if (!last) return call(read.name, `Reading ${DEMO_BUG.file} first.`, { [pathKeyOf(read)]: DEMO_BUG.file });
  if (last.name === read.name && lastResult.includes(DEMO_BUG.buggy.trim())) {
    return call(edit.name, 'The loop starts at 1 and skips the first item: it must start at 0.', {
      [pathKeyOf(edit)]: DEMO_BUG.file,
      old_string: DEMO_BUG.buggy,
      new_string: DEMO_BUG.fixed,
    });
  }
  if (last.name === read.name || last.name === edit.name)
    return call(bash.name, `Running the tests: ${check}`, { command: check });
  const passed = /\[exit code: 0\]/.test(lastResult);
  return {
    kind: 'reply',
    text: passed
      ? `Fixed ${DEMO_BUG.file}: the loop now starts at the first item. \`${check}\` passes.`
      : `\`${check}\` still fails after my change; see its output above.`,
  };
}

/** The check command the brief names ("… `npm test` …" under "Project check"), else the demo's. */
function checkCommandOf(view: ConversationView): string {
  const named = view.lastUserText.match(/# Project check[^`]*`([^`]+)`/);
  return named?.[1] ?? DEMO_CHECK_COMMAND;
}
