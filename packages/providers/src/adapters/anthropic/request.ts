import type Anthropic from '@anthropic-ai/sdk';
import { findModel } from '../../catalog';
import type { ClientConfig, Message, ModelRequest } from '../../messages/types';

type Block = Anthropic.ContentBlockParam;
type MessageParam = Anthropic.MessageParam;

const DEFAULT_MAX_OUTPUT = 8_192;

function assistantBlocks(message: Message & { role: 'assistant' }): Block[] {
  const blocks: Block[] = [];
  for (const part of message.content) {
    if (part.type === 'reasoning') {
      // Only Anthropic's own signed thinking may be replayed; other providers' reasoning is dropped.
      if (part.source !== 'anthropic') continue;
      if (part.redactedData) blocks.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.signature)
        blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
    } else if (part.type === 'text') {
      if (part.text) blocks.push({ type: 'text', text: part.text });
    } else {
      blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: part.arguments });
    }
  }
  return blocks;
}

function userBlocks(message: Message & { role: 'user' }): Block[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  // tool_result blocks must come first in the user turn that answers a tool_use.
  const results: Block[] = [];
  const texts: Block[] = [];
  for (const part of message.content) {
    if (part.type === 'tool_result')
      results.push({
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: part.content,
        ...(part.isError ? { is_error: true } : {}),
      });
    else if (part.text) texts.push({ type: 'text', text: part.text });
  }
  return [...results, ...texts];
}

/** Neutral messages → Anthropic messages, merging consecutive turns of one role as the API requires. */
export function toAnthropicMessages(messages: readonly Message[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    const blocks = message.role === 'user' ? userBlocks(message) : assistantBlocks(message);
    if (blocks.length === 0) continue;
    const last = out.at(-1);
    if (last && last.role === message.role && Array.isArray(last.content)) last.content.push(...blocks);
    else out.push({ role: message.role, content: blocks });
  }
  return out;
}

/** The request body. With thinking on, max_tokens must exceed the budget. */
export function buildAnthropicParams(
  config: ClientConfig,
  request: ModelRequest,
): Anthropic.MessageCreateParams {
  const info = findModel(config.provider, config.model);
  const modelMax = info?.maxOutputTokens ?? 64_000;
  const answer = request.maxOutputTokens ?? Math.min(modelMax, DEFAULT_MAX_OUTPUT);
  let budget =
    request.thinking?.control === 'budget' && request.thinking.enabled ? request.thinking.budgetTokens : 0;
  const maxTokens = Math.min(modelMax, answer + budget);
  if (budget >= maxTokens) budget = maxTokens - 1_024;
  const params: Anthropic.MessageCreateParams = {
    model: config.model,
    max_tokens: maxTokens,
    messages: toAnthropicMessages(request.messages),
  };
  if (request.system) params.system = request.system;
  if (budget >= 1_024) params.thinking = { type: 'enabled', budget_tokens: budget };
  if (request.tools?.length)
    params.tools = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.inputSchema as Anthropic.Tool.InputSchema,
    }));
  return params;
}
