import { type Message, runAgent, userText } from '@switchyard/providers';
import { SYSTEM } from './prompts';

/** Recent messages kept verbatim; the older middle of the conversation is summarised. */
const KEEP_RECENT = 4;
const PART_CHARS = 2_000;

type Summarise = (transcript: string) => Promise<string>;

/**
 * Conversation compaction (§3): when a session nears its model's context window, the turns between
 * the task (first message) and the last few are replaced by a summary written by the same routing.
 * The cut falls before an assistant message, so that every tool result kept still follows its call.
 * If the summary call fails, the older tool outputs are shortened instead: the session goes on.
 */
export function compactConversation(summarise: Summarise, log: (message: string) => void) {
  return async (messages: Message[]): Promise<Message[]> => {
    const first = messages[0];
    let cut = Math.max(1, messages.length - KEEP_RECENT);
    while (cut > 1 && messages[cut]?.role !== 'assistant') cut -= 1;
    if (!first || cut <= 1) return messages;
    const middle = messages.slice(1, cut);
    try {
      const summary = await summarise(middle.map(render).join('\n\n'));
      log(`conversation compacted: ${middle.length} older messages summarised`);
      return [
        userText(`${textOf(first)}\n\n# Summary of earlier work in this session\n${summary}`),
        ...messages.slice(cut),
      ];
    } catch (error) {
      log(`conversation summary failed (${(error as Error).message}); shortening older tool outputs instead`);
      return [first, ...middle.map(shorten), ...messages.slice(cut)];
    }
  };
}

/** A summariser on the session's own routing: one call, no tools. */
export function summariserFor(
  options: Omit<Parameters<typeof runAgent>[0], 'messages' | 'system' | 'tools' | 'executeTool' | 'maxTurns'>,
): Summarise {
  return async (transcript) => {
    const result = await runAgent({
      ...options,
      system: SYSTEM.summary,
      messages: [
        userText(
          `Summarise this part of a coding session, keeping every file, decision and open problem:\n\n${transcript}`,
        ),
      ],
      executeTool: async () => ({ content: 'no tools', isError: true }),
      maxTurns: 1,
    });
    if (result.status !== 'completed' || !result.finalText.trim())
      throw new Error(result.error?.message ?? `summary ${result.status}`);
    return result.finalText;
  };
}

function textOf(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => ('text' in part && part.type === 'text' ? part.text : '')).join('\n');
}

function render(message: Message): string {
  if (typeof message.content === 'string') return `${message.role}: ${clip(message.content)}`;
  const parts = message.content.map((part) => {
    if (part.type === 'text') return clip(part.text);
    if (part.type === 'tool_call') return `[called ${part.name} ${clip(JSON.stringify(part.arguments))}]`;
    if (part.type === 'tool_result')
      return `[tool result${part.isError ? ' (error)' : ''}: ${clip(part.content)}]`;
    return '';
  });
  return `${message.role}: ${parts.filter(Boolean).join('\n')}`;
}

function shorten(message: Message): Message {
  if (message.role !== 'user' || typeof message.content === 'string') return message;
  return {
    role: 'user',
    content: message.content.map((part) =>
      part.type === 'tool_result' ? { ...part, content: clip(part.content, 500) } : part,
    ),
  };
}

function clip(text: string, max = PART_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… [${text.length - max} characters cut]` : text;
}
