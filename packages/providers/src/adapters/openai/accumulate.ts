import { ProviderError } from '../../errors/classes';
import { classifyProviderError } from '../../errors/classify';
import { parseToolArguments } from '../../messages/tool-arguments';
import type {
  AssistantPart,
  FinishReason,
  ModelTurn,
  ReasoningSource,
  ToolCall,
  TurnDelta,
} from '../../messages/types';
import { usageFromOpenAI } from '../../usage/usage';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

function interrupted(message: string, code: string | null = null): ProviderError {
  return new ProviderError({
    class: 'stream_interrupted',
    action: 'retry',
    httpStatus: null,
    providerCode: code,
    message,
    retryAfterMs: null,
  });
}

/**
 * Builds a turn from Chat Completions chunks, whatever the provider's quirk: usage on the finish
 * chunk, in choices[0].usage, in x_groq, or in a trailing choices:[] chunk, sometimes several of
 * these at once. The last usage object seen wins, so tokens are counted once.
 */
export class OpenAITurnBuilder {
  private text = '';
  private reasoning = '';
  private reasoningSource: ReasoningSource = 'reasoning_content';
  private calls: PendingCall[] = [];
  private finish: string | null = null;
  private usageRaw: unknown = null;
  private model: string | null = null;

  constructor(private readonly onDelta?: (d: TurnDelta) => void) {}

  handle(chunk: Rec): void {
    if (typeof chunk.model === 'string') this.model = chunk.model;
    if (chunk.usage) this.usageRaw = chunk.usage;
    else if (rec(chunk.x_groq).usage) this.usageRaw = rec(chunk.x_groq).usage;
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as Rec[]) : [];
    const choice = choices[0];
    if (!choice) return;
    if (choice.usage) this.usageRaw = choice.usage;
    const delta = rec(choice.delta);
    this.addReasoning(delta);
    if (typeof delta.content === 'string' && delta.content) {
      this.text += delta.content;
      this.onDelta?.({ type: 'text', text: delta.content });
    }
    if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls as Rec[]) this.addToolDelta(tc);
    if (typeof choice.finish_reason === 'string') this.finish = choice.finish_reason;
  }

  private addReasoning(delta: Rec): void {
    // DeepSeek, GLM and Moonshot send reasoning_content; Ollama sends reasoning.
    const rc = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : undefined;
    const r = typeof delta.reasoning === 'string' ? delta.reasoning : undefined;
    const piece = rc ?? r;
    if (!piece) return;
    if (rc === undefined) this.reasoningSource = 'reasoning';
    this.reasoning += piece;
    this.onDelta?.({ type: 'reasoning', text: piece });
  }

  private addToolDelta(tc: Rec): void {
    const fn = rec(tc.function);
    const id = typeof tc.id === 'string' && tc.id ? tc.id : undefined;
    // Calls are keyed by index; Moonshot omits it, so a new id opens a new call instead.
    let slot: PendingCall | undefined;
    if (typeof tc.index === 'number') {
      slot = this.calls[tc.index];
      if (!slot) {
        slot = { id: '', name: '', args: '' };
        this.calls[tc.index] = slot;
      }
    } else {
      const last = this.calls.at(-1);
      slot = id && last?.id !== id ? undefined : last;
      if (!slot) {
        slot = { id: '', name: '', args: '' };
        this.calls.push(slot);
      }
    }
    if (id && !slot.id) slot.id = id;
    if (typeof fn.name === 'string' && fn.name && !slot.name) slot.name = fn.name;
    if (typeof fn.arguments === 'string') slot.args += fn.arguments;
  }

  /** Build the turn from a whole (non-streamed) completion. */
  static fromCompletion(completion: Rec): ModelTurn {
    // Some servers answer an error with HTTP 200 (or no recorded status) and an `error` body.
    if (completion.error)
      throw new ProviderError(classifyProviderError({ body: completion, httpStatus: null }));
    const builder = new OpenAITurnBuilder();
    const choice = rec((completion.choices as Rec[] | undefined)?.[0]);
    const message = rec(choice.message);
    builder.handle({
      model: completion.model,
      usage: completion.usage,
      choices: [{ delta: message, finish_reason: choice.finish_reason ?? 'stop' }],
    });
    return builder.build();
  }

  build(): ModelTurn {
    if (this.finish === null) throw interrupted('The stream ended without a finish_reason');
    // OpenRouter ends a failed stream with finish_reason "error"; Z.AI reports aborts the same way.
    if (this.finish === 'error' || this.finish === 'network_error')
      throw interrupted(`finish_reason ${this.finish}`, this.finish);
    const cutOff = this.finish === 'length';
    const toolCalls: ToolCall[] = [];
    const incomplete: ModelTurn['incompleteToolCalls'] = [];
    this.calls.forEach((c, i) => {
      if (!c) return;
      const id = c.id || `call_${i}`;
      const parsed = parseToolArguments(c.args);
      // A call in a response cut off by the output limit may look whole and still be truncated.
      if (parsed.ok && !cutOff) toolCalls.push({ id, name: c.name, arguments: parsed.value });
      else
        incomplete.push({
          id,
          name: c.name,
          rawArguments: c.args,
          reason: cutOff ? 'cut off by the output limit' : 'arguments are not a JSON object',
        });
    });
    let finishReason: FinishReason = cutOff ? 'length' : 'stop';
    // Older Ollama builds finish tool calls with "stop".
    if (toolCalls.length) finishReason = 'tool_calls';
    const parts: AssistantPart[] = [];
    if (this.reasoning) parts.push({ type: 'reasoning', text: this.reasoning, source: this.reasoningSource });
    if (this.text) parts.push({ type: 'text', text: this.text });
    for (const call of toolCalls) parts.push({ type: 'tool_call', ...call });
    return {
      text: this.text,
      reasoning: this.reasoning,
      toolCalls,
      incompleteToolCalls: incomplete,
      finishReason,
      usage: usageFromOpenAI(this.usageRaw),
      message: { role: 'assistant', content: parts },
      responseModel: this.model,
    };
  }
}
