import { findModel } from '../catalog';
import type { ProviderErrorInfo } from '../errors/classes';
import type { RouteTarget } from '../routing/schemas';

export interface FallbackNeeds {
  /** Tools are offered: the model must support tool calling. */
  tools: boolean;
  /** Estimated tokens of the conversation so far. */
  conversationTokens: number;
  /** The error that moved us on; a context overflow needs a strictly larger window. */
  error: ProviderErrorInfo;
  current: RouteTarget;
}

/** Why a fallback cannot serve this phase now, or null when it can (§5: gated by capability and size). */
export function fallbackUnfitReason(candidate: RouteTarget, needs: FallbackNeeds): string | null {
  if (candidate.credential.kind === 'missing') return `no ${candidate.providerLabel} credential`;
  if (!candidate.baseUrl) return 'no base URL';
  const info = findModel(candidate.provider, candidate.model);
  if (!info) return null; // Not in the catalog: nothing known to rule it out.
  if (needs.tools && !info.supportsTools) return `${candidate.model} does not support tool calling`;
  if (info.contextWindow < needs.conversationTokens)
    return `${candidate.model} window (${info.contextWindow}) is smaller than the conversation (~${needs.conversationTokens} tokens)`;
  if (needs.error.class === 'context_overflow') {
    const current = findModel(needs.current.provider, needs.current.model);
    if (current && info.contextWindow <= current.contextWindow)
      return `${candidate.model} window is not larger than ${needs.current.model}'s`;
  }
  return null;
}
