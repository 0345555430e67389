// The built-in agent profiles every team sees (read-only; teams duplicate them to edit).
// Shape of `phases`: packages/providers' profile phase schema ({ provider, model, thinking, fallbacks }).

type Thinking = 'none' | 'low' | 'medium' | 'high' | 'ultrathink';
interface PhaseConfig {
  provider: string;
  model: string;
  thinking: Thinking;
  fallbacks: { provider: string; model: string }[];
}
export interface BuiltinProfile {
  name: string;
  description: string;
  defaultProvider: string;
  phases: Record<'spec' | 'planning' | 'coding' | 'qa', PhaseConfig>;
}

const phase = (provider: string, model: string, thinking: Thinking): PhaseConfig => ({
  provider,
  model,
  thinking,
  fallbacks: [],
});

const same = (provider: string, model: string, thinking: Thinking) => ({
  spec: phase(provider, model, thinking),
  planning: phase(provider, model, thinking),
  coding: phase(provider, model, thinking),
  qa: phase(provider, model, thinking),
});

export const OFFLINE_DEMO_PROFILE = 'Offline demo';

/** The offline demo's two local providers (custom providers `npm start` declares). */
export const DEMO_PROVIDERS = {
  planner: { id: 'demo-planner', label: 'Demo planner', model: 'demo-planner-1' },
  coder: { id: 'demo-coder', label: 'Demo coder', model: 'demo-coder-1' },
} as const;
const { planner, coder } = DEMO_PROVIDERS;

export const BUILTIN_PROFILES: BuiltinProfile[] = [
  {
    name: 'Auto (Optimized)',
    description:
      'Claude Opus everywhere; deep thinking where it pays (spec, planning), light thinking for coding and QA.',
    defaultProvider: 'anthropic',
    phases: {
      spec: phase('anthropic', 'opus', 'ultrathink'),
      planning: phase('anthropic', 'opus', 'high'),
      coding: phase('anthropic', 'opus', 'low'),
      qa: phase('anthropic', 'opus', 'low'),
    },
  },
  {
    name: 'Complex',
    description: 'Claude Opus with maximum thinking on every phase, for hard tasks.',
    defaultProvider: 'anthropic',
    phases: same('anthropic', 'opus', 'ultrathink'),
  },
  {
    name: 'Balanced',
    description: 'Claude Sonnet with medium thinking on every phase.',
    defaultProvider: 'anthropic',
    phases: same('anthropic', 'sonnet', 'medium'),
  },
  {
    name: 'Quick',
    description: 'Claude Haiku with little thinking, for small, well-defined changes.',
    defaultProvider: 'anthropic',
    phases: same('anthropic', 'haiku', 'low'),
  },
  {
    name: 'Opus planning + GLM coding',
    description: 'Claude Opus writes the spec and the plan; Z.AI GLM-4.7 codes and reviews.',
    defaultProvider: 'anthropic',
    phases: {
      spec: phase('anthropic', 'opus', 'high'),
      planning: phase('anthropic', 'opus', 'ultrathink'),
      coding: phase('zai', 'glm-4.7', 'medium'),
      qa: phase('zai', 'glm-4.7', 'low'),
    },
  },
  {
    name: OFFLINE_DEMO_PROFILE,
    description:
      'Two local scripted providers `npm start` runs, on two protocols: "Demo planner" (Anthropic Messages) writes the spec and the plan, "Demo coder" (OpenAI Chat Completions) fixes the code and reviews. See a task go end to end before entering any key.',
    defaultProvider: coder.id,
    phases: {
      spec: phase(planner.id, planner.model, 'none'),
      planning: phase(planner.id, planner.model, 'none'),
      coding: phase(coder.id, coder.model, 'none'),
      qa: phase(coder.id, coder.model, 'none'),
    },
  },
  {
    name: 'Z.AI only',
    description: 'Z.AI GLM-4.7 on every phase; never needs an Anthropic key.',
    defaultProvider: 'zai',
    phases: same('zai', 'glm-4.7', 'medium'),
  },
];
