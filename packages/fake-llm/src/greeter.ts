import { type ConversationView, readConversation } from './conversation';
import { pathKeyOf, probeReply } from './probe-reply';
import type { FakeResponder, FakeTurn } from './types';

/**
 * A deterministic "model" that runs the whole pipeline on any repository (tests and benchmarks):
 *
 * - the connection probe's `get_time` tool offered → a call to it (so "Test connection" sees tool
 *   calling work);
 * - tools offered and no tool result yet → one `Write` call creating HELLO.md with a greeting
 *   derived from the task (the last user message);
 * - a tool result present → a short final summary;
 * - no Write tool (none, or read-only ones), JSON asked for (the word "JSON" in the system prompt
 *   or last user message) → a minimal valid object: a complexity assessment when the system prompt
 *   mentions complexity, a QA verdict `{"approved":true,"issues":[]}` when the prompt mentions
 *   "approved", QA or review, else a plan `{"subtasks":[…]}`;
 * - no Write tool otherwise → a short markdown document (usable as a spec or a summary).
 */
export const greeterResponder: FakeResponder = (request) => replyTo(readConversation(request));

export const GREETER_FILE = 'HELLO.md';

const PLAN = {
  subtasks: [{ id: '1', title: `Write ${GREETER_FILE}`, acceptance: [`${GREETER_FILE} exists`] }],
};
const QA_VERDICT = { approved: true, issues: [] };
const COMPLEXITY = { complexity: 'simple', reason: 'one new file' };

/** First line of the task that is not a Markdown heading, trimmed to a readable length. */
export function taskSummary(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  const line = lines.find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (line === '') return 'the task';
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

function replyTo(view: ConversationView): FakeTurn {
  const task = taskSummary(view.lastUserText);
  const write = view.tools.find((tool) => tool.name.toLowerCase() === 'write');
  const probe = probeReply(view);
  if (probe) return probe;
  if (view.tools.length > 0 && !view.hasToolResult && write) {
    // Follow the offered schema's own names, whatever the worker calls them.
    const pathKey = pathKeyOf(write);
    const contentKey = ['content', 'contents', 'text'].find((k) => write.properties.includes(k));
    const content = `# Hello\n\nHello from Switchyard's offline demo!\n\nTask: ${task}\n`;
    return {
      kind: 'reply',
      text: `I'll create ${GREETER_FILE} for: ${task}`,
      toolCalls: [
        {
          name: write.name,
          arguments: { [pathKey]: GREETER_FILE, [contentKey ?? 'content']: content },
        },
      ],
    };
  }
  if (write) {
    return { kind: 'reply', text: `Done: created ${GREETER_FILE} with a greeting for "${task}".` };
  }
  // Read-only tools (a spec writer, a reviewer) or none: answer in text.
  const prompt = `${view.system}\n${view.lastUserText}`;
  if (/\bjson\b/i.test(prompt)) {
    if (/complexity/i.test(view.system)) return { kind: 'reply', text: JSON.stringify(COMPLEXITY) };
    const isQa = /approved|\bqa\b|review/i.test(prompt) && !/subtasks/i.test(view.system);
    return { kind: 'reply', text: JSON.stringify(isQa ? QA_VERDICT : PLAN) };
  }
  const markdown = [
    `# ${task}`,
    '',
    '## Goal',
    `Create \`${GREETER_FILE}\` containing a short greeting for: ${task}.`,
    '',
    '## Acceptance criteria',
    `- \`${GREETER_FILE}\` exists at the repository root.`,
    '- It contains a greeting.',
    '',
  ].join('\n');
  return { kind: 'reply', text: markdown };
}
