import type OpenAI from 'openai';
import { findModel } from '../../catalog';
import type { ClientConfig, Message, ModelRequest } from '../../messages/types';

type ChatMessage = OpenAI.Chat.ChatCompletionMessageParam;

function assistantMessage(message: Message & { role: 'assistant' }, replayReasoning: boolean): ChatMessage {
  const text = message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const calls = message.content.flatMap((p) =>
    p.type === 'tool_call'
      ? [
          {
            id: p.id,
            type: 'function' as const,
            function: { name: p.name, arguments: JSON.stringify(p.arguments) },
          },
        ]
      : [],
  );
  const out: ChatMessage & { reasoning_content?: string } = {
    role: 'assistant',
    content: text || null,
    ...(calls.length ? { tool_calls: calls } : {}),
  };
  // DeepSeek and GLM want their reasoning_content back on later turns of a tool-using conversation.
  const reasoning = message.content
    .map((p) => (p.type === 'reasoning' && p.source === 'reasoning_content' ? p.text : ''))
    .join('');
  if (replayReasoning && reasoning) out.reasoning_content = reasoning;
  return out;
}

/** Neutral messages → Chat Completions messages (tool results become `role: tool` messages). */
export function toOpenAIMessages(
  system: string | undefined,
  messages: readonly Message[],
  replayReasoning: boolean,
): ChatMessage[] {
  const out: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      out.push(assistantMessage(message, replayReasoning));
      continue;
    }
    if (typeof message.content === 'string') {
      out.push({ role: 'user', content: message.content });
      continue;
    }
    const texts: string[] = [];
    for (const part of message.content) {
      if (part.type === 'tool_result')
        out.push({
          role: 'tool',
          tool_call_id: part.toolCallId,
          content: part.isError ? `Error: ${part.content}` : part.content,
        });
      else texts.push(part.text);
    }
    if (texts.length) out.push({ role: 'user', content: texts.join('\n') });
  }
  return out;
}

export type ChatParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming & Record<string, unknown>;

/** The request body, with each provider's thinking control and output-limit field. */
export function buildOpenAIParams(config: ClientConfig, request: ModelRequest): ChatParams {
  const info = findModel(config.provider, config.model);
  const params: ChatParams = {
    model: config.model,
    messages: toOpenAIMessages(request.system, request.messages, config.replaysReasoningContent ?? false),
  };
  const maxOut = request.maxOutputTokens ?? (info ? Math.min(info.maxOutputTokens, 8_192) : undefined);
  if (maxOut !== undefined) {
    // OpenAI's reasoning models refuse max_tokens; most compatible servers only know max_tokens.
    if (config.provider === 'openai') params.max_completion_tokens = maxOut;
    else params.max_tokens = maxOut;
  }
  const thinking = request.thinking;
  if (thinking?.control === 'effort' && thinking.effort) params.reasoning_effort = thinking.effort;
  if (thinking?.control === 'toggle') params.thinking = { type: thinking.enabled ? 'enabled' : 'disabled' };
  if (request.tools?.length)
    params.tools = request.tools.map((t) => ({
      type: 'function' as const,
      function: { name: t.name, description: t.description, parameters: t.inputSchema },
    }));
  return params;
}
