import type { PrismaClient } from '@switchyard/db';
import { type KeyState, type KeyStore, REST_KINDS, type RestKind } from '@switchyard/providers';

const asRestKind = (value: string | null): RestKind | null =>
  value && (REST_KINDS as readonly string[]).includes(value) ? (value as RestKind) : null;

/**
 * Pool state in PostgreSQL (CredentialState, docs/decisions/0013): every worker reads it before a
 * call and writes what providers answer, so a key one worker rested is rested for all, and a
 * restart forgets nothing.
 */
export function credentialStateStore(prisma: PrismaClient): KeyStore {
  return {
    async read(credentialIds) {
      const rows = await prisma.credentialState.findMany({
        where: { credentialId: { in: [...credentialIds] } },
      });
      return new Map(
        rows.map((row): [string, KeyState] => [
          row.credentialId,
          {
            credentialId: row.credentialId,
            restingSince: row.restingSince,
            restingUntil: row.restingUntil,
            restKind: asRestKind(row.restKind),
            restReason: row.restReason,
            limits: {
              requests:
                row.requestsLimit !== null && row.requestsRemaining !== null
                  ? {
                      limit: row.requestsLimit,
                      remaining: row.requestsRemaining,
                      resetAt: row.requestsResetAt,
                    }
                  : null,
              tokens:
                row.tokensLimit !== null && row.tokensRemaining !== null
                  ? { limit: row.tokensLimit, remaining: row.tokensRemaining, resetAt: row.tokensResetAt }
                  : null,
            },
            observedAt: row.observedAt,
          },
        ]),
      );
    },

    async rest(credentialId, rest, at) {
      // A longer rest another worker recorded (or one until edited) is never shortened by a later,
      // shorter limit: the key stays out until the furthest stated reset.
      await ignoreDeleted(
        prisma.$executeRaw`
          INSERT INTO "CredentialState"
            ("credentialId", "restingSince", "restingUntil", "restKind", "restReason", "restUntilFrom", "updatedAt")
          VALUES (${credentialId}, ${at}, ${rest.until}, ${rest.kind}, ${rest.reason}, ${rest.untilFrom}, now())
          ON CONFLICT ("credentialId") DO UPDATE SET
            "restingSince" = EXCLUDED."restingSince", "restingUntil" = EXCLUDED."restingUntil",
            "restKind" = EXCLUDED."restKind", "restReason" = EXCLUDED."restReason",
            "restUntilFrom" = EXCLUDED."restUntilFrom", "updatedAt" = now()
          WHERE "CredentialState"."restingSince" IS NULL
             OR ("CredentialState"."restingUntil" IS NOT NULL
                 AND "CredentialState"."restingUntil" < COALESCE(EXCLUDED."restingUntil", 'infinity'::timestamp))`,
      );
    },

    async observe(credentialId, limits, at) {
      const r = limits.requests;
      const t = limits.tokens;
      await ignoreDeleted(
        prisma.$executeRaw`
          INSERT INTO "CredentialState"
            ("credentialId", "requestsLimit", "requestsRemaining", "requestsResetAt",
             "tokensLimit", "tokensRemaining", "tokensResetAt", "observedAt", "updatedAt")
          VALUES (${credentialId}, ${r?.limit ?? null}::int, ${r?.remaining ?? null}::int, ${r?.resetAt ?? null}::timestamp,
                  ${t?.limit ?? null}::int, ${t?.remaining ?? null}::int, ${t?.resetAt ?? null}::timestamp, ${at}, now())
          ON CONFLICT ("credentialId") DO UPDATE SET
            "requestsLimit" = EXCLUDED."requestsLimit", "requestsRemaining" = EXCLUDED."requestsRemaining",
            "requestsResetAt" = EXCLUDED."requestsResetAt", "tokensLimit" = EXCLUDED."tokensLimit",
            "tokensRemaining" = EXCLUDED."tokensRemaining", "tokensResetAt" = EXCLUDED."tokensResetAt",
            "observedAt" = EXCLUDED."observedAt", "updatedAt" = now()`,
      );
    },
  };
}

/** The credential was deleted while a phase used it: nothing left to record on. */
async function ignoreDeleted(write: Promise<number>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (/CredentialState_credentialId_fkey|foreign key/i.test(String(error))) return;
    throw error;
  }
}
