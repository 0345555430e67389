import type { PrismaClient } from '@switchyard/db';
import { notFound } from '../errors';
import { API_KEY_PREFIX, generateApiKey } from './hash-api-key';

const listSelect = {
  id: true,
  name: true,
  start: true,
  prefix: true,
  enabled: true,
  expiresAt: true,
  lastUsedAt: true,
  createdAt: true,
} as const;

/** A key for the caller in their team; the key itself is in this answer only (it is stored hashed). */
export async function createApiKey(
  prisma: PrismaClient,
  caller: { userId: string; teamId: string },
  input: { name: string; expiresInDays?: number | null },
) {
  const { key, hash, start } = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      userId: caller.userId,
      teamId: caller.teamId,
      name: input.name,
      key: hash,
      start,
      prefix: API_KEY_PREFIX,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
    select: listSelect,
  });
  return { ...row, key };
}

/** The caller's keys in their current team (start only: `sy_ab12…`). */
export function listApiKeys(prisma: PrismaClient, caller: { userId: string; teamId: string }) {
  return prisma.apiKey.findMany({
    where: { userId: caller.userId, teamId: caller.teamId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: listSelect,
  });
}

/** Disables a key at once; the caller's own, or any key of the team for an admin. */
export async function revokeApiKey(
  prisma: PrismaClient,
  caller: { userId: string; teamId: string; isAdmin: boolean },
  id: string,
) {
  const changed = await prisma.apiKey.updateMany({
    where: { id, teamId: caller.teamId, ...(caller.isAdmin ? {} : { userId: caller.userId }) },
    data: { enabled: false },
  });
  if (changed.count === 0) throw notFound('API key');
  return { id };
}
