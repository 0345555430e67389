import { parseHostRule } from '@switchyard/db/network-allow';
import { z } from 'zod';

/** A project's network allow list as the API accepts it: valid rules, lower-cased, no duplicates. */
export const networkAllowSchema = z
  .array(z.string().trim().toLowerCase().min(1).max(253))
  .max(100, 'at most 100 hosts')
  .superRefine((hosts, ctx) => {
    for (const [index, host] of hosts.entries()) {
      const rule = parseHostRule(host);
      if (typeof rule === 'string') ctx.addIssue({ code: 'custom', message: rule, path: [index] });
    }
  })
  .transform((hosts) => [...new Set(hosts)]);
