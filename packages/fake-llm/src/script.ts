import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadTranscript } from './transcript';
import type { FakeScript, FakeTurn } from './types';

// A script is a list of turns; each request consumes the next one.

const count = z.number().int().nonnegative();
const turnSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reply'),
    text: z.string().optional(),
    reasoning: z.string().optional(),
    toolCalls: z
      .array(
        z.strictObject({
          id: z.string().optional(),
          name: z.string(),
          arguments: z.record(z.string(), z.unknown()),
        }),
      )
      .optional(),
    usage: z.strictObject({ inputTokens: count, outputTokens: count }).optional(),
    finish: z.enum(['stop', 'tool_calls', 'length']).optional(),
    delayMs: count.optional(),
    chunkDelayMs: count.optional(),
    splitEvery: z.number().int().positive().optional(),
    cutAfterChunks: count.optional(),
    hang: z.boolean().optional(),
    stall: z.strictObject({ afterChunks: count, ms: count }).optional(),
    truncateToolJson: z.boolean().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    kind: z.literal('error'),
    status: z.number().int().min(400).max(599),
    body: z.unknown(),
    headers: z.record(z.string(), z.string()).optional(),
    delayMs: count.optional(),
  }),
  z.strictObject({ kind: z.literal('stream_error'), afterText: z.string().optional(), error: z.unknown() }),
  z.strictObject({ kind: z.literal('transcript'), file: z.string() }),
]);

/** Validates scripts that come from outside TypeScript (the CLI's --script file). */
export const fakeScriptSchema: z.ZodType<FakeScript> = z.strictObject({
  turns: z.array(turnSchema),
  repeatLast: z.boolean().optional(),
});

/** Reads a script file; relative transcript paths in it are taken from the script's folder. */
export function parseScriptFile(file: string): FakeScript {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`fake-llm: script ${file} cannot be read as JSON`, { cause });
  }
  const parsed = fakeScriptSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`fake-llm: script ${file}: ${z.prettifyError(parsed.error)}`);
  const folder = dirname(resolve(file));
  const turns = parsed.data.turns.map((turn) =>
    turn.kind === 'transcript' ? { ...turn, file: resolve(folder, turn.file) } : turn,
  );
  return { ...parsed.data, turns };
}

export type NextTurn = { turn: FakeTurn; index: number } | { exhaustedAfter: number };

export class ScriptCursor {
  private position = 0;

  constructor(private readonly script: FakeScript) {
    // Fail when the script is set, not on the request that reaches a broken transcript turn.
    for (const turn of script.turns) if (turn.kind === 'transcript') loadTranscript(turn.file);
  }

  next(): NextTurn {
    const { turns, repeatLast } = this.script;
    const index = this.position;
    if (index < turns.length) {
      this.position++;
      return { turn: turns[index]!, index };
    }
    const last = turns.at(-1);
    if (repeatLast && last) return { turn: last, index: turns.length - 1 };
    return { exhaustedAfter: turns.length };
  }

  /** How many turns have been consumed. */
  get consumed(): number {
    return this.position;
  }

  rewind(): void {
    this.position = 0;
  }
}

export const exhaustedMessage = (turns: number): string => `fake-llm script exhausted after ${turns} turns`;
