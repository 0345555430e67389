import { compileBashAllow } from '@switchyard/db/project-settings';
import { z } from 'zod';

/**
 * A project's Bash allow list as the API accepts it: regular expressions, each matching a whole
 * simple command (see compileBashAllow); null clears the list (any command the policy allows).
 */
export const bashAllowSchema = z
  .array(z.string().trim().min(1, 'a pattern cannot be empty').max(300, 'at most 300 characters a pattern'))
  .min(1, 'give at least one pattern, or null to clear the list')
  .max(100, 'at most 100 patterns')
  .superRefine((patterns, ctx) => {
    const compiled = compileBashAllow(patterns);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', message: compiled });
  })
  .transform((patterns) => [...new Set(patterns)])
  .nullable();
