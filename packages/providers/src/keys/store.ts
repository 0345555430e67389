import type { KeyState } from './pool';
import type { RateLimitSnapshot } from './rate-limits';
import type { KeyRest } from './rest';

/**
 * Where pool state lives so every worker honours it: the worker backs this with PostgreSQL
 * (CredentialState). The providers package only reads and writes through it.
 */
export interface KeyStore {
  /** The current state of these credentials (absent: never limited, nothing observed). */
  read(credentialIds: readonly string[]): Promise<Map<string, KeyState>>;
  /** The credential rests: no worker uses it before `rest.until` (or before it is edited). */
  rest(credentialId: string, rest: KeyRest, at: Date): Promise<void>;
  /** The capacity a response reported for the credential. */
  observe(credentialId: string, limits: RateLimitSnapshot, at: Date): Promise<void>;
}

/** A store in memory, for one process (tests, the probe). */
export function memoryKeyStore(): KeyStore & { states: Map<string, KeyState> } {
  const states = new Map<string, KeyState>();
  const get = (id: string): KeyState =>
    states.get(id) ?? {
      credentialId: id,
      restingSince: null,
      restingUntil: null,
      restKind: null,
      restReason: null,
      limits: null,
    };
  return {
    states,
    async read(ids) {
      return new Map(ids.filter((id) => states.has(id)).map((id) => [id, get(id)]));
    },
    async rest(id, rest, at) {
      // As in PostgreSQL: a longer rest (or one until edited) is never shortened.
      const held = get(id);
      if (
        held.restingSince &&
        (held.restingUntil === null || (rest.until !== null && held.restingUntil >= rest.until))
      )
        return;
      states.set(id, {
        ...get(id),
        restingSince: at,
        restingUntil: rest.until,
        restKind: rest.kind,
        restReason: rest.reason,
      });
    },
    async observe(id, limits, at) {
      states.set(id, { ...get(id), limits, observedAt: at });
    },
  };
}
