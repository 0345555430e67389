import type { PrismaClient } from '@switchyard/db';
import { decryptSecret } from '@switchyard/db/secrets';
import type { RouteTarget, WorkerEnv } from '@switchyard/providers';

/**
 * The secret for a route target: decrypted from the team credential the routing chose, or read
 * from the worker's environment. Values are also collected so that tools and events redact them.
 */
export function createSecretLookup(prisma: PrismaClient, secretKey: Buffer, env: WorkerEnv) {
  const seen = new Set<string>();
  return {
    seen,
    async getApiKey(target: RouteTarget): Promise<string | undefined> {
      const source = target.credential;
      let secret: string | undefined;
      if (source.kind === 'profile' || source.kind === 'team_default') {
        const credential = await prisma.providerCredential.findUnique({ where: { id: source.credentialId } });
        if (credential) secret = decryptSecret(credential.secretCiphertext, secretKey);
      } else if (source.kind === 'env') {
        secret = env[source.envName];
      }
      if (secret) seen.add(secret);
      return secret;
    },
  };
}
