import type { FakeFinish, FakeReplyTurn, FakeUsage } from '../types';
import { truncateJson } from './fragments';

/** A reply turn with every default filled in, shared by both protocol renderers. */
export interface NormalizedReply {
  reasoning: string | undefined;
  text: string | undefined;
  toolCalls: { id: string; name: string; argumentsJson: string }[];
  finish: FakeFinish;
  usage: FakeUsage;
  /** Part of usage.outputTokens spent on reasoning. */
  reasoningTokens: number;
  /** The last tool call's argumentsJson is cut halfway and must not be closed. */
  truncatedLastToolCall: boolean;
}

const tokensOf = (chars: number): number => Math.ceil(chars / 4);

/** Deterministic stand-in for a tokenizer: about four characters per token. */
export function estimateInputTokens(requestBody: unknown): number {
  const body = (requestBody ?? {}) as Record<string, unknown>;
  const prompt = JSON.stringify([body.system ?? null, body.messages ?? null, body.tools ?? null]);
  return Math.max(1, tokensOf(prompt.length));
}

export function normalizeReply(
  turn: FakeReplyTurn,
  requestBody: unknown,
  toolCallId: (index: number) => string,
): NormalizedReply {
  const calls = turn.toolCalls ?? [];
  const truncated = turn.truncateToolJson === true && calls.length > 0;
  const toolCalls = calls.map((call, index) => {
    const json = JSON.stringify(call.arguments);
    const cut = truncated && index === calls.length - 1;
    return {
      id: call.id ?? toolCallId(index),
      name: call.name,
      argumentsJson: cut ? truncateJson(json) : json,
    };
  });
  const finish: FakeFinish =
    turn.truncateToolJson === true ? 'length' : (turn.finish ?? (calls.length > 0 ? 'tool_calls' : 'stop'));
  const reasoningTokens = turn.reasoning ? tokensOf(turn.reasoning.length) : 0;
  const outputChars =
    (turn.text?.length ?? 0) + toolCalls.reduce((n, c) => n + c.name.length + c.argumentsJson.length, 0);
  const usage = turn.usage ?? {
    inputTokens: estimateInputTokens(requestBody),
    outputTokens: Math.max(1, reasoningTokens + tokensOf(outputChars)),
  };
  return {
    reasoning: turn.reasoning,
    text: turn.text,
    toolCalls,
    finish,
    usage,
    reasoningTokens: Math.min(reasoningTokens, usage.outputTokens),
    truncatedLastToolCall: truncated,
  };
}
