import type { PrismaClient } from './client';
import { protocolFromDb, type WireProtocol } from './protocol';

/** What routing reads of a team credential (never the secret): the API and the worker both use it. */
export const ROUTING_CREDENTIAL_SELECT = {
  id: true,
  provider: true,
  label: true,
  protocol: true,
  baseUrl: true,
  isDefault: true,
  position: true,
  weight: true,
} as const;

/** Creation order, which breaks ties of a provider pool's order (docs/decisions/0013). */
export const CREDENTIAL_CREATION_ORDER = [{ createdAt: 'asc' }, { id: 'asc' }] as const;

export interface RoutingCredential {
  id: string;
  provider: string;
  label: string;
  protocol: WireProtocol;
  baseUrl: string | null;
  isDefault: boolean;
  position: number;
  weight: number;
}

/** A team's credentials as routing sees them, in creation order, with the wire protocol names. */
export async function loadRoutingCredentials(
  prisma: PrismaClient,
  teamId: string,
): Promise<RoutingCredential[]> {
  const rows = await prisma.providerCredential.findMany({
    where: { teamId },
    orderBy: [...CREDENTIAL_CREATION_ORDER],
    select: ROUTING_CREDENTIAL_SELECT,
  });
  return rows.map((c) => ({ ...c, protocol: protocolFromDb(c.protocol) }));
}
