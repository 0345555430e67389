export { isResting, type KeyState, type PickOptions, type PoolPick, pickPoolMember } from './pool';
export {
  exhaustedUntil,
  type LimitReading,
  type RateLimitSnapshot,
  readRateLimits,
  remainingPercent,
} from './rate-limits';
export {
  formatResetTime,
  parseDurationMs,
  parseEpoch,
  parseInstant,
  parseResetInMessage,
} from './reset-time';
export {
  describeUntil,
  type KeyRest,
  REST_KINDS,
  type RestKind,
  restForError,
  restKindOf,
  restLabel,
} from './rest';
export { type KeyStore, memoryKeyStore } from './store';
