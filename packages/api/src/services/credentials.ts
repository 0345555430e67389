import {
  loadRoutingCredentials,
  Prisma,
  type PrismaClient,
  protocolFromDb,
  protocolToDb,
} from '@switchyard/db';
import { encryptSecret, last4 } from '@switchyard/db/secrets';
import {
  type CustomProviderDef,
  type Protocol,
  type ProviderRegistry,
  registryFor,
  type TeamCredential,
  UnknownProviderError,
} from '@switchyard/providers';
import { badRequest, notFound } from '../errors';

/** What a credential looks like outside the server: never its secret or ciphertext. */
export const maskedCredentialSelect = {
  id: true,
  teamId: true,
  provider: true,
  label: true,
  protocol: true,
  baseUrl: true,
  last4: true,
  isDefault: true,
  position: true,
  weight: true,
  lastCheckedAt: true,
  lastCheckResult: true,
  createdAt: true,
  updatedAt: true,
  state: {
    select: {
      restingSince: true,
      restingUntil: true,
      restKind: true,
      restReason: true,
      restUntilFrom: true,
      requestsLimit: true,
      requestsRemaining: true,
      requestsResetAt: true,
      tokensLimit: true,
      tokensRemaining: true,
      tokensResetAt: true,
      observedAt: true,
    },
  },
} as const satisfies Prisma.ProviderCredentialSelect;

type Row = Prisma.ProviderCredentialGetPayload<{ select: typeof maskedCredentialSelect }>;
type StateRow = NonNullable<Row['state']>;

export type RestKind = 'rate_limited' | 'quota_exhausted' | 'no_balance';

/** Why and until when a credential rests after a provider limit (docs/decisions/0013). */
export interface CredentialRest {
  since: Date;
  /** null: until the credential is edited (no balance or credit left). */
  until: Date | null;
  kind: RestKind | null;
  /** The provider's words (never a secret). */
  reason: string | null;
  /** Where `until` came from: a header, the message, or the default. */
  untilFrom: string | null;
}

export interface QuotaWindow {
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
}

/** The capacity the credential's last response reported. */
export interface CredentialQuota {
  requests: QuotaWindow | null;
  tokens: QuotaWindow | null;
  observedAt: Date | null;
}

export type MaskedCredential = Omit<Row, 'protocol' | 'last4' | 'state'> & {
  protocol: Protocol;
  /** `…1234`: the only part of the secret that ever leaves the server. */
  masked: string;
  /** null unless the credential rests now. */
  rest: CredentialRest | null;
  /** null unless a response reported its capacity. */
  quota: CredentialQuota | null;
};

const REST_KINDS: readonly string[] = ['rate_limited', 'quota_exhausted', 'no_balance'];

/** Resting: `restingSince` set and either no end (until edited) or an end still ahead. */
export function restOf(state: StateRow | null, now = new Date()): CredentialRest | null {
  if (!state?.restingSince) return null;
  if (state.restingUntil && state.restingUntil.getTime() <= now.getTime()) return null;
  return {
    since: state.restingSince,
    until: state.restingUntil,
    kind: state.restKind && REST_KINDS.includes(state.restKind) ? (state.restKind as RestKind) : null,
    reason: state.restReason,
    untilFrom: state.restUntilFrom,
  };
}

export function quotaOf(state: StateRow | null): CredentialQuota | null {
  if (!state) return null;
  const window = (limit: number | null, remaining: number | null, resetAt: Date | null) =>
    limit === null && remaining === null && resetAt === null ? null : { limit, remaining, resetAt };
  const requests = window(state.requestsLimit, state.requestsRemaining, state.requestsResetAt);
  const tokens = window(state.tokensLimit, state.tokensRemaining, state.tokensResetAt);
  if (!requests && !tokens && !state.observedAt) return null;
  return { requests, tokens, observedAt: state.observedAt };
}

export function toMasked({ last4: tail, protocol, state, ...row }: Row, now = new Date()): MaskedCredential {
  return {
    ...row,
    protocol: protocolFromDb(protocol),
    masked: `…${tail}`,
    rest: restOf(state, now),
    quota: quotaOf(state),
  };
}

export interface CredentialScope {
  teamId: string;
  secretKey: Buffer;
  customProviders: readonly CustomProviderDef[];
}

export interface CreateCredentialInput {
  provider: string;
  label?: string | null;
  protocol?: Protocol | null;
  baseUrl?: string | null;
  secret: string;
  isDefault?: boolean;
  position?: number;
  weight?: number;
}

/**
 * The team's credentials by provider, each provider's in pool order: the default first, then by
 * position, then creation order (what routing does: packages/providers poolOrder).
 */
export async function listCredentials(prisma: PrismaClient, teamId: string): Promise<MaskedCredential[]> {
  const rows = await prisma.providerCredential.findMany({
    where: { teamId },
    orderBy: [
      { provider: 'asc' },
      { isDefault: 'desc' },
      { position: 'asc' },
      { createdAt: 'asc' },
      { id: 'asc' },
    ],
    select: maskedCredentialSelect,
  });
  const now = new Date();
  return rows.map((row) => toMasked(row, now));
}

/**
 * Stores a credential, its secret encrypted (AES-256-GCM). A known provider id or alias is
 * normalised (its protocol is the default); any other name is a custom provider, which needs a
 * protocol and a base URL. `isDefault` moves the team's default for the provider to this one.
 */
export async function createCredential(
  prisma: PrismaClient,
  scope: CredentialScope,
  input: CreateCredentialInput,
) {
  const registry = await teamRegistry(prisma, scope);
  const known = registry.find(input.provider);
  if (!known && (!input.protocol || !input.baseUrl)) {
    const error = new UnknownProviderError(input.provider, registry.knownIds());
    throw badRequest(`${error.message} A custom provider needs a protocol and a base URL.`, error);
  }
  const provider = known?.id ?? input.provider.trim();
  const protocol = input.protocol ?? known?.protocol ?? 'openai-chat';
  const row = await prisma.$transaction(async (tx) => {
    await lockProviderDefault(tx, scope.teamId, provider);
    const count = await tx.providerCredential.count({ where: { teamId: scope.teamId, provider } });
    // The first credential of a provider is its default unless told otherwise.
    const isDefault = input.isDefault ?? count === 0;
    if (isDefault) await clearDefault(tx, scope.teamId, provider);
    return tx.providerCredential.create({
      data: {
        teamId: scope.teamId,
        provider,
        label: input.label?.trim() || known?.label || provider,
        protocol: protocolToDb(protocol),
        baseUrl: input.baseUrl ?? null,
        secretCiphertext: encryptSecret(input.secret, scope.secretKey),
        last4: last4(input.secret),
        isDefault,
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
      },
      select: maskedCredentialSelect,
    });
  });
  return toMasked(row);
}

export interface UpdateCredentialInput {
  label?: string;
  protocol?: Protocol;
  baseUrl?: string | null;
  secret?: string;
  isDefault?: boolean;
  position?: number;
  weight?: number;
}

export async function updateCredential(
  prisma: PrismaClient,
  scope: CredentialScope,
  id: string,
  input: UpdateCredentialInput,
) {
  const current = await findCredential(prisma, scope.teamId, id);
  // The last "Test connection" was of the old key, URL or protocol: it no longer says anything.
  const connectionChanged =
    input.secret !== undefined ||
    (input.baseUrl !== undefined && input.baseUrl !== current.baseUrl) ||
    (input.protocol !== undefined && protocolToDb(input.protocol) !== current.protocol);
  const row = await prisma.$transaction(async (tx) => {
    if (input.isDefault) {
      await lockProviderDefault(tx, scope.teamId, current.provider);
      await clearDefault(tx, scope.teamId, current.provider);
    }
    await tx.providerCredential.update({
      where: { id },
      data: {
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.protocol !== undefined ? { protocol: protocolToDb(input.protocol) } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
        ...(input.secret !== undefined
          ? { secretCiphertext: encryptSecret(input.secret, scope.secretKey), last4: last4(input.secret) }
          : {}),
        ...(connectionChanged ? { lastCheckedAt: null, lastCheckResult: Prisma.DbNull } : {}),
      },
      select: { id: true },
    });
    // A new secret, base URL or protocol ends any rest (it may be what lifts the limit) and, for a
    // new key, the old key's reported capacity. Any other edit ends only a rest "until edited" (no
    // balance or credit): a timed rest (Z.AI 1308 until 14:05) outlasts a rename or a reordering.
    if (connectionChanged)
      await tx.credentialState.updateMany({
        where: { credentialId: id },
        data: { ...NO_REST, ...(input.secret !== undefined ? NO_QUOTA : {}) },
      });
    else if (Object.values(input).some((value) => value !== undefined))
      await tx.credentialState.updateMany({
        where: { credentialId: id, restingSince: { not: null }, restingUntil: null },
        data: NO_REST,
      });
    return tx.providerCredential.findUniqueOrThrow({ where: { id }, select: maskedCredentialSelect });
  });
  return toMasked(row);
}

const NO_REST = {
  restingSince: null,
  restingUntil: null,
  restKind: null,
  restReason: null,
  restUntilFrom: null,
} as const satisfies Prisma.CredentialStateUpdateManyMutationInput;

const NO_QUOTA = {
  requestsLimit: null,
  requestsRemaining: null,
  requestsResetAt: null,
  tokensLimit: null,
  tokensRemaining: null,
  tokensResetAt: null,
  observedAt: null,
} as const satisfies Prisma.CredentialStateUpdateManyMutationInput;

/** "Clear rest": the credential serves calls again at once; its reported capacity is kept. */
export async function clearCredentialRest(
  prisma: PrismaClient,
  teamId: string,
  id: string,
): Promise<MaskedCredential> {
  await findCredential(prisma, teamId, id);
  await prisma.credentialState.updateMany({ where: { credentialId: id }, data: NO_REST });
  const row = await prisma.providerCredential.findUniqueOrThrow({
    where: { id },
    select: maskedCredentialSelect,
  });
  return toMasked(row);
}

export async function deleteCredential(prisma: PrismaClient, teamId: string, id: string) {
  await findCredential(prisma, teamId, id);
  await prisma.providerCredential.delete({ where: { id } });
  return { id };
}

/** A credential of the team, with its ciphertext (server-side only); another team's is NOT_FOUND. */
export async function findCredential(prisma: PrismaClient, teamId: string, id: string) {
  const row = await prisma.providerCredential.findFirst({ where: { id, teamId } });
  if (!row) throw notFound('Credential');
  return row;
}

/** Built-ins, operator-defined providers and the team's custom ones. */
export async function teamRegistry(
  prisma: PrismaClient,
  scope: { teamId: string; customProviders: readonly CustomProviderDef[] },
): Promise<ProviderRegistry> {
  return registryFor({
    customProviders: scope.customProviders,
    teamCredentials: await teamCredentialsOf(prisma, scope.teamId),
  });
}

/** The team's credentials as routing sees them (never the secret). */
export function teamCredentialsOf(prisma: PrismaClient, teamId: string): Promise<TeamCredential[]> {
  return loadRoutingCredentials(prisma, teamId);
}

/**
 * Serialises the transactions that may make a credential the team's default for a provider: two at
 * once both cleared the old default, then both set theirs, and the second broke the one-default
 * unique index (a 500). Held until the transaction ends.
 */
async function lockProviderDefault(tx: Prisma.TransactionClient, teamId: string, provider: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard.credential-default'), hashtext(${`${teamId}/${provider}`}))`;
}

async function clearDefault(tx: Prisma.TransactionClient, teamId: string, provider: string) {
  await tx.providerCredential.updateMany({
    where: { teamId, provider, isDefault: true },
    data: { isDefault: false },
  });
}
