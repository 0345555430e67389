import type { AssistantPart, Message, ToolCall, UserPart } from './types';

export function userText(text: string): Message {
  return { role: 'user', content: text };
}

export function userParts(message: Message & { role: 'user' }): UserPart[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

export function toolCallsOf(message: Message): ToolCall[] {
  if (message.role !== 'assistant') return [];
  return message.content
    .filter((p): p is Extract<AssistantPart, { type: 'tool_call' }> => p.type === 'tool_call')
    .map(({ id, name, arguments: args }) => ({ id, name, arguments: args }));
}

/** A rough token estimate (4 characters a token) to gate fallbacks by context window. */
export function estimateTokens(system: string | undefined, messages: readonly Message[]): number {
  return Math.ceil((JSON.stringify(messages).length + (system?.length ?? 0)) / 4);
}
