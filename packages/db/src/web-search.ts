import { z } from 'zod';

/**
 * A team's WebSearch backend (`Team.webSearch`), shared by the API that writes it and the worker
 * that queries it. Today one kind: a SearXNG instance, queried by the worker (never the sandbox)
 * at `<url>/search?q=…&format=json`. Any http(s) URL may be saved; the worker refuses, when it
 * queries it, link-local and metadata addresses always and loopback or private ones unless its
 * operator sets SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE=on (apps/worker/src/tools/address-vetting.ts).
 */

/** Why `text` cannot be a search backend URL, or null when it can. */
export function searchUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL: write the SearXNG instance's address, e.g. https://search.example.com`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `the search URL must start with http:// or https:// (got ${url.protocol}//)`;
  if (url.username || url.password)
    return 'the search URL must not contain a user name or password: they would be shown to every team member';
  if (url.search || url.hash)
    return 'the search URL must not have a query or fragment: give the instance address only (the worker adds /search?q=…&format=json)';
  return null;
}

export const WebSearchUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((text, ctx) => {
    const problem = searchUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  // One spelling: `https://search.example.com/` and `…com` are the same instance.
  .transform((text) => new URL(text).href.replace(/\/+$/, ''));

export const WebSearchSettingSchema = z.strictObject({
  kind: z.literal('searxng'),
  url: WebSearchUrlSchema,
});
export type WebSearchSetting = z.infer<typeof WebSearchSettingSchema>;

export interface StoredWebSearch {
  setting: WebSearchSetting | null;
  /** Why the stored JSON is not a setting (e.g. edited by hand): then there is no backend either. */
  problem: string | null;
}

/** Reads `Team.webSearch` back: the setting, none, or why the stored value is unusable. */
export function readWebSearchSetting(stored: unknown): StoredWebSearch {
  if (stored === null || stored === undefined) return { setting: null, problem: null };
  const parsed = WebSearchSettingSchema.safeParse(stored);
  return parsed.success
    ? { setting: parsed.data, problem: null }
    : {
        setting: null,
        problem: `the stored web search setting is not valid: ${z.prettifyError(parsed.error)}`,
      };
}
