import type { PrismaClient } from '@switchyard/db';
import { decryptSecret } from '@switchyard/db/secrets';
import type { PoolMember, RouteTarget, WorkerEnv } from '@switchyard/providers';

/**
 * The secret for a route target: decrypted from the team credential the routing chose, or read
 * from the worker's environment. Values are also collected so that tools and events redact them.
 */
export function createSecretLookup(prisma: PrismaClient, secretKey: Buffer, env: WorkerEnv) {
  const seen = new Set<string>();
  // The task's team, set once the task is loaded: only its own credentials are ever decrypted.
  let teamId: string | undefined;
  return {
    seen,
    forTeam(id: string) {
      teamId = id;
    },
    /** With a pool, the member the call chose; otherwise the target's own source. */
    async getApiKey(target: RouteTarget, member?: PoolMember): Promise<string | undefined> {
      const source = target.credential;
      let secret: string | undefined;
      const credentialId =
        member?.credentialId ??
        (source.kind === 'profile' || source.kind === 'team_default' ? source.credentialId : undefined);
      if (credentialId) {
        if (!teamId) throw new Error('the task is not loaded yet: no credential can be read');
        const credential = await prisma.providerCredential.findFirst({ where: { id: credentialId, teamId } });
        if (credential) secret = decryptSecret(credential.secretCiphertext, secretKey);
      } else if (source.kind === 'env') {
        secret = env[source.envName];
      }
      if (secret) seen.add(secret);
      return secret;
    },
  };
}
