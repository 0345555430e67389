import { z } from 'zod';
import { defineTool, toolError } from './definition';
import { WebSearchError } from './web-search-searxng';

export const WEB_SEARCH_NOT_CONFIGURED =
  'WebSearch is not configured for this team: no search backend is set. Answer from the repository and your own knowledge, or ask a team admin to set one.';

/** What the routing decision says when a phase with the full toolbox gets no WebSearch. */
export function webSearchLeftOutWarning(teamName: string, problem: string | null): string {
  const why = problem ?? `team "${teamName}" has no web search backend`;
  return `WebSearch is left out: ${why}. A team admin sets a SearXNG URL in Settings → Team (or \`switchyard teams set-web-search\`).`;
}

const MAX_RESULTS = 10;

const schema = z.object({
  query: z.string().min(1).describe('What to search the web for.'),
});

export const webSearchTool = defineTool({
  name: 'WebSearch',
  description: 'Search the web; returns titles, URLs and snippets. Use WebFetch to read a result.',
  schema,
  async run(args, { webSearch, redact, signal }) {
    // The toolbox leaves the tool out without a backend; should it be called anyway, never invent results.
    if (!webSearch) return toolError(WEB_SEARCH_NOT_CONFIGURED);
    let results: Awaited<ReturnType<typeof webSearch.search>>;
    try {
      results = await webSearch.search(args.query, signal);
    } catch (error) {
      // A backend's own failure says what went wrong, in terms safe to show (web-search-searxng.ts).
      const why =
        error instanceof WebSearchError
          ? error.message
          : `the search backend failed: ${(error as Error).message}`;
      return toolError(`${why}; try again later or answer without it`);
    }
    if (results.length === 0) return { content: `No results for "${args.query}"` };
    const lines = results
      .slice(0, MAX_RESULTS)
      .map((r, i) => `${i + 1}. ${r.title}\n   ${r.url}\n   ${r.snippet.replace(/\s+/g, ' ').trim()}`);
    return { content: redact(lines.join('\n')) };
  },
});
