// SSE framing as the providers send it: Anthropic names every event, OpenAI sends bare `data:` lines.

export const namedEvent = (event: string, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const dataEvent = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

export const DONE_EVENT = 'data: [DONE]\n\n';

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};
