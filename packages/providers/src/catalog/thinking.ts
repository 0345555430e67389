import type { ThinkingControl } from '../registry/providers';
import type { ModelInfo } from './types';

export const THINKING_LEVELS = ['none', 'low', 'medium', 'high', 'ultrathink'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** Budgets in tokens before clamping (§4.3). */
export const THINKING_BUDGETS: Record<ThinkingLevel, number> = {
  none: 0,
  low: 1_024,
  medium: 4_096,
  high: 16_384,
  ultrathink: 65_536,
};

export type ReasoningEffort = 'low' | 'medium' | 'high';

export interface ThinkingSetting {
  level: ThinkingLevel;
  /** Tokens to send as a budget (0 = thinking off or not budgeted). */
  budgetTokens: number;
  control: ThinkingControl;
  effort?: ReasoningEffort;
  /** For `toggle` providers (GLM): whether thinking is on. */
  enabled: boolean;
  notes: string[];
}

const EFFORT: Record<ThinkingLevel, ReasoningEffort | undefined> = {
  none: undefined,
  low: 'low',
  medium: 'medium',
  high: 'high',
  ultrathink: 'high',
};

/**
 * Turn a level into what the provider understands, clamped to the model's maximum: the seed sent
 * 65,536 where the API allows 64,000 and got 400s.
 */
export function thinkingFor(
  level: ThinkingLevel,
  control: ThinkingControl,
  model: ModelInfo | undefined,
): ThinkingSetting {
  const wanted = THINKING_BUDGETS[level];
  const notes: string[] = [];
  const off: ThinkingSetting = { level, budgetTokens: 0, control, enabled: false, notes };
  if (level === 'none') return off;
  if (model && !model.supportsThinking) {
    notes.push(`thinking "${level}" dropped: ${model.id} does not support thinking`);
    return off;
  }
  switch (control) {
    case 'budget': {
      const max = model?.maxThinkingBudget ?? model?.maxOutputTokens;
      const budget = max !== undefined ? Math.min(wanted, max) : wanted;
      if (budget < wanted) notes.push(`thinking budget clamped from ${wanted} to ${budget} (model maximum)`);
      return { level, budgetTokens: budget, control, enabled: true, notes };
    }
    case 'effort':
      return { level, budgetTokens: 0, control, effort: EFFORT[level], enabled: true, notes };
    case 'toggle':
      return { level, budgetTokens: 0, control, enabled: true, notes };
    case 'none':
      notes.push(`thinking "${level}" dropped: the provider has no thinking control`);
      return off;
  }
}
