import { readRateLimits } from '../keys/rate-limits';
import type { ModelTurn } from '../messages/types';

/** The turn with the capacity its response reported (rate-limit headers), for quota-aware pools. */
export function withLimits(turn: ModelTurn, response: Response, now?: Date): ModelTurn {
  const rateLimits = readRateLimits(response.headers, now);
  return rateLimits ? { ...turn, rateLimits } : turn;
}
