import { ProviderError } from '../../errors/classes';
import { parseToolArguments } from '../../messages/tool-arguments';
import type { AssistantPart, FinishReason, ModelTurn, ToolCall, TurnDelta } from '../../messages/types';
import { type Usage, usageFromAnthropic } from '../../usage/usage';

type Rec = Record<string, unknown>;

interface OpenBlock {
  type: string;
  text: string;
  signature?: string;
  data?: string;
  id?: string;
  name?: string;
  json: string;
  stopped: boolean;
}

export function mapStopReason(reason: string | null | undefined): FinishReason {
  if (reason === 'tool_use') return 'tool_calls';
  if (reason === 'max_tokens' || reason === 'model_context_window_exceeded') return 'length';
  return 'stop';
}

/**
 * Builds a turn from Anthropic stream events. Tool input is parsed only at content_block_stop: a
 * tool_use cut off by max_tokens never gets one and so is never reported as a call to execute.
 */
export class AnthropicTurnBuilder {
  private blocks = new Map<number, OpenBlock>();
  private usageRaw: Rec = {};
  private stopReason: string | null = null;
  private model: string | null = null;
  private stopped = false;

  constructor(private readonly onDelta?: (d: TurnDelta) => void) {}

  handle(event: Rec): void {
    const index = typeof event.index === 'number' ? event.index : -1;
    switch (event.type) {
      case 'message_start': {
        const message = (event.message ?? {}) as Rec;
        this.model = typeof message.model === 'string' ? message.model : null;
        this.usageRaw = { ...((message.usage as Rec) ?? {}) };
        break;
      }
      case 'content_block_start': {
        const b = (event.content_block ?? {}) as Rec;
        this.blocks.set(index, {
          type: String(b.type),
          text: typeof b.text === 'string' ? b.text : typeof b.thinking === 'string' ? b.thinking : '',
          signature: typeof b.signature === 'string' && b.signature ? b.signature : undefined,
          data: typeof b.data === 'string' ? b.data : undefined,
          id: typeof b.id === 'string' ? b.id : undefined,
          name: typeof b.name === 'string' ? b.name : undefined,
          json: '',
          stopped: false,
        });
        break;
      }
      case 'content_block_delta':
        this.delta(index, (event.delta ?? {}) as Rec);
        break;
      case 'content_block_stop': {
        const block = this.blocks.get(index);
        if (block) block.stopped = true;
        break;
      }
      case 'message_delta': {
        const delta = (event.delta ?? {}) as Rec;
        if (typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
        // message_delta usage is cumulative: overwrite, never add.
        Object.assign(this.usageRaw, (event.usage as Rec) ?? {});
        break;
      }
      case 'message_stop':
        this.stopped = true;
        break;
      // ping and unknown events are ignored.
    }
  }

  private delta(index: number, delta: Rec): void {
    const block = this.blocks.get(index);
    if (!block) return;
    if (delta.type === 'text_delta' && typeof delta.text === 'string') {
      block.text += delta.text;
      if (delta.text) this.onDelta?.({ type: 'text', text: delta.text });
    } else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
      block.text += delta.thinking;
      if (delta.thinking) this.onDelta?.({ type: 'reasoning', text: delta.thinking });
    } else if (delta.type === 'signature_delta' && typeof delta.signature === 'string') {
      block.signature = (block.signature ?? '') + delta.signature;
    } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
      block.json += delta.partial_json;
    }
  }

  /** Build the turn from a whole (non-streamed) message. */
  static fromMessage(message: Rec): ModelTurn {
    const builder = new AnthropicTurnBuilder();
    builder.model = typeof message.model === 'string' ? message.model : null;
    builder.usageRaw = (message.usage as Rec) ?? {};
    builder.stopReason = typeof message.stop_reason === 'string' ? message.stop_reason : null;
    const content = Array.isArray(message.content) ? (message.content as Rec[]) : [];
    content.forEach((b, i) => {
      builder.blocks.set(i, {
        type: String(b.type),
        text: typeof b.text === 'string' ? b.text : typeof b.thinking === 'string' ? b.thinking : '',
        signature: typeof b.signature === 'string' ? b.signature : undefined,
        data: typeof b.data === 'string' ? b.data : undefined,
        id: typeof b.id === 'string' ? b.id : undefined,
        name: typeof b.name === 'string' ? b.name : undefined,
        json: b.type === 'tool_use' ? JSON.stringify(b.input ?? {}) : '',
        stopped: true,
      });
    });
    builder.stopped = true;
    return builder.finish();
  }

  finish(): ModelTurn {
    if (!this.stopped && this.stopReason === null)
      throw new ProviderError({
        class: 'stream_interrupted',
        action: 'retry',
        httpStatus: null,
        providerCode: null,
        message: 'The stream ended before message_stop',
        retryAfterMs: null,
      });
    const parts: AssistantPart[] = [];
    const toolCalls: ToolCall[] = [];
    const incomplete: ModelTurn['incompleteToolCalls'] = [];
    const ordered = [...this.blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => b);
    for (const b of ordered) {
      if (b.type === 'text') parts.push({ type: 'text', text: b.text });
      else if (b.type === 'thinking')
        parts.push({ type: 'reasoning', text: b.text, source: 'anthropic', signature: b.signature });
      else if (b.type === 'redacted_thinking')
        parts.push({ type: 'reasoning', text: '', source: 'anthropic', redactedData: b.data });
      else if (b.type === 'tool_use') {
        const id = b.id ?? `toolu_${toolCalls.length}`;
        const name = b.name ?? '';
        const parsed = b.stopped ? parseToolArguments(b.json) : { ok: false as const };
        if (parsed.ok) {
          toolCalls.push({ id, name, arguments: parsed.value });
          parts.push({ type: 'tool_call', id, name, arguments: parsed.value });
        } else
          incomplete.push({
            id,
            name,
            rawArguments: b.json,
            reason: b.stopped
              ? 'arguments are not a JSON object'
              : 'cut off before the tool input was complete',
          });
      }
    }
    const usage: Usage = usageFromAnthropic(this.usageRaw);
    let finishReason = mapStopReason(this.stopReason);
    if (finishReason === 'tool_calls' && toolCalls.length === 0)
      finishReason = incomplete.length ? 'length' : 'stop';
    return {
      text: parts.map((p) => (p.type === 'text' ? p.text : '')).join(''),
      reasoning: parts.map((p) => (p.type === 'reasoning' ? p.text : '')).join(''),
      toolCalls,
      incompleteToolCalls: incomplete,
      finishReason,
      usage,
      message: { role: 'assistant', content: parts },
      responseModel: this.model,
    };
  }
}
