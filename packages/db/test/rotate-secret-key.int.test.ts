import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, rotateSecretKey } from '../src/secrets';
import { freshDatabase, type TestDatabase } from '../src/testing/vitest';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.drop());

describe('rotating SWITCHYARD_SECRET_KEY', () => {
  it('re-encrypts every credential with the new key, which alone can read them afterwards', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const team = await db.prisma.team.create({ data: { name: 'T', slug: 'rotate' } });
    for (const [provider, secret] of [
      ['anthropic', 'sk-ant-one'],
      ['zai', 'zai-two'],
    ] as const) {
      await db.prisma.providerCredential.create({
        data: {
          teamId: team.id,
          provider,
          label: provider,
          protocol: 'openai_chat',
          secretCiphertext: encryptSecret(secret, oldKey),
          last4: secret.slice(-4),
        },
      });
    }

    expect(await rotateSecretKey(db.prisma, oldKey, newKey)).toEqual({ rotated: 2 });

    const rows = await db.prisma.providerCredential.findMany({ orderBy: { provider: 'asc' } });
    expect(rows.map((r) => decryptSecret(r.secretCiphertext, newKey))).toEqual(['sk-ant-one', 'zai-two']);
    expect(() => decryptSecret(rows[0]!.secretCiphertext, oldKey)).toThrow(/SWITCHYARD_SECRET_KEY differs/);
  });

  it('changes nothing when one credential cannot be read with the old key', async () => {
    const team = await db.prisma.team.create({ data: { name: 'U', slug: 'rotate-bad' } });
    const stranger = randomBytes(32);
    const created = await db.prisma.providerCredential.create({
      data: {
        teamId: team.id,
        provider: 'openai',
        label: 'o',
        protocol: 'openai_chat',
        secretCiphertext: encryptSecret('sk-x', stranger),
        last4: 'sk-x',
      },
    });

    await expect(rotateSecretKey(db.prisma, randomBytes(32), randomBytes(32))).rejects.toThrow(
      /could not be decrypted/,
    );

    const after = await db.prisma.providerCredential.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.secretCiphertext).toBe(created.secretCiphertext);
  });
});
