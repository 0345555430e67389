import { z } from 'zod';

/**
 * The shape of `Project.settings`, shared by the API that writes it and the worker that obeys it.
 * Unknown keys are kept (a newer dashboard may add some before an older worker knows them).
 */
export const DEFAULT_MAX_QA_ITERATIONS = 5;
export const MAX_QA_ITERATIONS_LIMIT = 20;

export const ProjectSettingsSchema = z
  .object({
    /** Review rounds before QA gives the task to a human. */
    maxQaIterations: z.number().int().min(1).max(MAX_QA_ITERATIONS_LIMIT).default(DEFAULT_MAX_QA_ITERATIONS),
    /** When set, every simple command Bash runs must match one of these patterns (see compileBashAllow). */
    bashAllow: z.array(z.string()).optional(),
    /** Hosts the sandbox's proxy lets commands reach (see ./network-allow); none by default. */
    networkAllow: z.array(z.string()).default([]),
    webFetchAllowPrivate: z.boolean().default(false),
  })
  .loose();

export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

/**
 * A project's Bash allow list as regular expressions. Each pattern must match a whole simple
 * command (`npm (test|run lint)` allows `npm test`, not `npm test; curl …` nor `xnpm test`), so a
 * pattern never allows more than it says. Returns why a pattern is not a valid expression instead.
 */
export function compileBashAllow(patterns: readonly string[]): RegExp[] | string {
  const compiled: RegExp[] = [];
  for (const pattern of patterns) {
    try {
      compiled.push(new RegExp(`^(?:${pattern})$`));
    } catch (error) {
      return `"${pattern}" is not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')})`;
    }
  }
  return compiled;
}
