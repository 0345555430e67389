import type { RecordedRequest } from './types';

// A protocol-neutral view of a recorded request, enough for computed replies (the demo responder).

export interface ConversationView {
  system: string;
  /** Text of the last user message that has text (tool results left out). */
  lastUserText: string;
  tools: { name: string; properties: string[] }[];
  /** Whether any tool result (Anthropic tool_result block, OpenAI role "tool") is in the conversation. */
  hasToolResult: boolean;
  /** The tool calls the assistant made so far, in order. */
  toolCalls: { name: string; arguments: Record<string, unknown> }[];
  /** The text of each tool result so far, in order. */
  toolResults: string[];
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Text of a message content: a string, or the text of its `text` blocks/parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map(asObject)
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n');
}

function toolsOf(body: Json): ConversationView['tools'] {
  return asArray(body.tools).map((raw) => {
    const tool = asObject(raw);
    // Anthropic: { name, input_schema }; OpenAI: { type: 'function', function: { name, parameters } }.
    const fn = asObject(tool.function);
    const schema = asObject(tool.input_schema ?? fn.parameters);
    return { name: String(tool.name ?? fn.name ?? ''), properties: Object.keys(asObject(schema.properties)) };
  });
}

function parseArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return asObject(raw);
  try {
    return asObject(JSON.parse(raw));
  } catch {
    return {};
  }
}

/** Anthropic `tool_use` blocks and OpenAI `tool_calls` of the assistant messages. */
function toolCallsOf(messages: Json[]): ConversationView['toolCalls'] {
  return messages
    .filter((m) => m.role === 'assistant')
    .flatMap((m) => [
      ...asArray(m.content)
        .map(asObject)
        .filter((block) => block.type === 'tool_use')
        .map((block) => ({ name: String(block.name ?? ''), arguments: asObject(block.input) })),
      ...asArray(m.tool_calls)
        .map((call) => asObject(asObject(call).function))
        .map((fn) => ({ name: String(fn.name ?? ''), arguments: parseArguments(fn.arguments) })),
    ]);
}

/** Anthropic `tool_result` blocks and OpenAI `role: "tool"` messages. */
function toolResultsOf(messages: Json[]): string[] {
  return messages.flatMap((m) =>
    m.role === 'tool'
      ? [textOf(m.content)]
      : asArray(m.content)
          .map(asObject)
          .filter((block) => block.type === 'tool_result')
          .map((block) => textOf(block.content)),
  );
}

export function readConversation(request: RecordedRequest): ConversationView {
  const body = asObject(request.body);
  const messages = asArray(body.messages).map(asObject);
  const systemParts = [textOf(body.system)];
  for (const m of messages)
    if (m.role === 'system' || m.role === 'developer') systemParts.push(textOf(m.content));
  const toolResults = toolResultsOf(messages);
  const userTexts = messages.filter((m) => m.role === 'user').map((m) => textOf(m.content));
  return {
    system: systemParts.filter(Boolean).join('\n'),
    lastUserText: userTexts.filter((text) => text.trim() !== '').at(-1) ?? '',
    tools: toolsOf(body),
    hasToolResult: toolResults.length > 0,
    toolCalls: toolCallsOf(messages),
    toolResults,
  };
}
