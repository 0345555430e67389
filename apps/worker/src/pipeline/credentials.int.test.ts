import { encryptSecret } from '@switchyard/db/secrets';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { type PoolMember, resolveRoutingForPhase } from '@switchyard/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretLookup } from './credentials';

let db: TestDatabase;
const KEY = Buffer.alloc(32, 9);

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function teamWithKey(name: string, secret: string) {
  const team = await db.prisma.team.create({ data: { name, slug: name.toLowerCase() } });
  const credential = await db.prisma.providerCredential.create({
    data: {
      teamId: team.id,
      provider: 'zai',
      label: `${name} key`,
      protocol: 'openai_chat',
      secretCiphertext: encryptSecret(secret, KEY),
      last4: secret.slice(-4),
    },
  });
  return { team, credential };
}

describe('createSecretLookup', () => {
  it("decrypts only the task's own team's credentials, even when given another team's id", async () => {
    const mine = await teamWithKey('Mine', 'zai-mine-secret-0001');
    const theirs = await teamWithKey('Theirs', 'zai-theirs-secret-0002');
    const target = resolveRoutingForPhase('coding', { env: {} });
    const member = (id: string): PoolMember => ({
      credentialId: id,
      label: 'k',
      protocol: 'openai-chat',
      baseUrl: null,
      position: 0,
      weight: 1,
    });
    const lookup = createSecretLookup(db.prisma, KEY, {});
    await expect(lookup.getApiKey(target, member(mine.credential.id))).rejects.toThrow(/not loaded yet/);

    lookup.forTeam(mine.team.id);
    expect(await lookup.getApiKey(target, member(mine.credential.id))).toBe('zai-mine-secret-0001');
    expect(await lookup.getApiKey(target, member(theirs.credential.id))).toBeUndefined();
    expect([...lookup.seen]).toEqual(['zai-mine-secret-0001']);
  });
});
