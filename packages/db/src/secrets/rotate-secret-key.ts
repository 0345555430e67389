import type { PrismaClient } from '../generated/prisma/client';
import { decryptSecret, encryptSecret } from './secret-box';

/**
 * Re-encrypts every stored credential from the old key to the new one, in one transaction: either
 * all credentials move to the new key or none does. Run it with web and workers stopped (or expect
 * decrypt errors from processes still on the old key until they restart with the new one).
 */
export async function rotateSecretKey(
  prisma: PrismaClient,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<{ rotated: number }> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.providerCredential.findMany({ select: { id: true, secretCiphertext: true } });
    for (const row of rows) {
      const secret = decryptSecret(row.secretCiphertext, oldKey);
      await tx.providerCredential.update({
        where: { id: row.id },
        data: { secretCiphertext: encryptSecret(secret, newKey) },
      });
    }
    return { rotated: rows.length };
  });
}
