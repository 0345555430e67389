import { type ConversationView, readConversation } from '../conversation';
import { probeReply } from '../probe-reply';
import type { FakeResponder, FakeTurn } from '../types';
import { DEMO_BUG, DEMO_CHECK_COMMAND } from './shop-repository';

/**
 * "Demo planner", the offline demo's spec and planning model (served on the Anthropic Messages
 * protocol): it knows the demo repository's bug and answers each spec and planning step about it,
 * deterministically, in the shape the step asks for.
 */
export const demoPlannerResponder: FakeResponder = (request) => plannerReply(readConversation(request));

const PLAN = {
  subtasks: [
    {
      id: '1',
      title: `Count every item in cartTotal (${DEMO_BUG.file})`,
      description: `The loop in ${DEMO_BUG.file} starts at index 1, so the first item is never added. Start it at 0.`,
      acceptance: [`\`${DEMO_CHECK_COMMAND}\` passes`, 'the discount is still applied to the whole total'],
    },
  ],
};

function plannerReply(view: ConversationView): FakeTurn {
  const probe = probeReply(view);
  if (probe) return probe;
  const reply = (text: string): FakeTurn => ({ kind: 'reply', text });
  if (/complexity/i.test(view.system) && /\bjson\b/i.test(view.system))
    return reply(JSON.stringify({ complexity: 'simple', reason: `one loop in ${DEMO_BUG.file}` }));
  if (/subtasks/i.test(view.system)) return reply(JSON.stringify(PLAN));
  if (/summarise/i.test(view.system))
    return reply(`The bug: ${DEMO_BUG.symptom} The fix belongs in \`${DEMO_BUG.file}\`.`);
  return reply(specification());
}

function specification(): string {
  return [
    '# Fix the cart total',
    '',
    '## Goal',
    DEMO_BUG.symptom,
    '',
    '## Design',
    `The loop over \`items\` in \`${DEMO_BUG.file}\` starts at index 1; it must start at 0.`,
    '',
    '## Files to change',
    `- \`${DEMO_BUG.file}\``,
    '',
    '## Acceptance criteria',
    `- \`${DEMO_CHECK_COMMAND}\` passes: every item counts, the discount applies to the whole total.`,
    '',
  ].join('\n');
}
