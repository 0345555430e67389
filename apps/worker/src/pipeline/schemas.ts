import { z } from 'zod';

// What the agent writes, validated at the boundary (STYLE.md §5).

export const ComplexitySchema = z.object({
  complexity: z.enum(['simple', 'standard', 'complex']),
  reason: z.string().default(''),
});
export type Complexity = z.infer<typeof ComplexitySchema>['complexity'];

export const PlanSchema = z.object({
  subtasks: z
    .array(
      z.object({
        id: z.coerce.string().min(1),
        title: z.string().min(1),
        description: z.string().default(''),
        acceptance: z.array(z.string()).default([]),
      }),
    )
    .min(1, 'a plan needs at least one subtask'),
});
export type Plan = z.infer<typeof PlanSchema>;
export type Subtask = Plan['subtasks'][number];

export const QaVerdictSchema = z.object({
  approved: z.boolean(),
  issues: z.array(z.object({ title: z.string().min(1), detail: z.string().default('') })).default([]),
});
export type QaVerdict = z.infer<typeof QaVerdictSchema>;

/** Review history kept across QA iterations, to spot an issue that keeps coming back. */
export const QaHistorySchema = z.array(
  z.object({ iteration: z.number().int(), issues: z.array(z.string()) }),
);
export type QaHistory = z.infer<typeof QaHistorySchema>;

/** The JSON object in a model's reply: the whole reply, or a fenced or embedded `{…}` block. */
export function extractJson(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next shape
    }
  }
  throw new SyntaxError('the reply contains no JSON object');
}

/** Parses and validates; the error text is written for the model to fix its answer. */
export function parseAgentJson<T>(
  schema: z.ZodType<T>,
  text: string,
): { ok: true; value: T } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = extractJson(text);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error) };
}
