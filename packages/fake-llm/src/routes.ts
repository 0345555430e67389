import type { FakeProtocol } from './types';

// Providers put the same APIs under different base paths (`/api/anthropic/v1/messages`,
// `/api/paas/v4/chat/completions`), so only the end of the path decides the protocol.

export type Route = { kind: 'health' } | { kind: 'llm'; protocol: FakeProtocol } | { kind: 'not_found' };

export const SUPPORTED_ROUTES =
  'POST …/v1/messages (anthropic-messages), POST …/chat/completions (openai-chat), GET /health';

export function routeRequest(method: string, target: string): Route {
  const pathname = (target.split('?')[0] ?? '').replace(/\/+$/, '');
  if (method === 'GET' && pathname === '/health') return { kind: 'health' };
  if (method !== 'POST') return { kind: 'not_found' };
  if (pathname.endsWith('/v1/messages')) return { kind: 'llm', protocol: 'anthropic-messages' };
  if (pathname.endsWith('/chat/completions')) return { kind: 'llm', protocol: 'openai-chat' };
  return { kind: 'not_found' };
}
