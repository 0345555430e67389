/** The pipeline's phases, in order (§3). Database, API, worker and UI import this list. */
export const PHASES = ['spec', 'planning', 'coding', 'qa'] as const;
export type Phase = (typeof PHASES)[number];
