import { type Prisma, type PrismaClient, protocolFromDb } from '@switchyard/db';
import { decryptSecret } from '@switchyard/db/secrets';
import {
  mapModelForProvider,
  type ProbeResult,
  probeProvider,
  resolveBaseUrl,
  type WorkerEnv,
} from '@switchyard/providers';
import { badRequest } from '../errors';
import {
  type CredentialScope,
  findCredential,
  maskedCredentialSelect,
  teamRegistry,
  toMasked,
} from './credentials';

/** What "Test connection" stores and returns: the probe, without the model's text or any secret. */
export interface CredentialCheck {
  ok: boolean;
  provider: string;
  protocol: ProbeResult['protocol'];
  model: string;
  baseUrl: string;
  latencyMs: number;
  toolCallWorks: boolean;
  usageReported: boolean;
  error: { class: string; message: string; httpStatus: number | null; providerCode: string | null } | null;
}

/**
 * "Test connection": one small real call with the credential (§4.6), recorded on the credential as
 * lastCheckedAt / lastCheckResult. The model defaults to the provider's cheapest tier.
 */
export async function testCredential(
  prisma: PrismaClient,
  scope: CredentialScope & { env: WorkerEnv },
  id: string,
  model: string | null | undefined,
  probe: typeof probeProvider = probeProvider,
) {
  const credential = await findCredential(prisma, scope.teamId, id);
  const secret = decryptSecret(credential.secretCiphertext, scope.secretKey);
  const registry = await teamRegistry(prisma, scope);
  const provider = registry.resolve(credential.provider);
  const { baseUrl } = resolveBaseUrl(
    provider,
    { ...credential, protocol: provider.protocol, baseUrl: credential.baseUrl },
    scope.env,
  );
  if (!baseUrl)
    throw badRequest(`The ${provider.label} credential has no base URL: set one, then test again.`);
  const chosenModel = model ?? mapModelForProvider(provider.id, 'haiku', scope.env).model;
  const result = await probe({
    protocol: protocolFromDb(credential.protocol),
    baseUrl,
    model: chosenModel,
    apiKey: secret,
    provider: provider.id,
    tools: true,
    timeoutMs: 30_000,
  });
  const check: CredentialCheck = redact(
    {
      ok: result.ok,
      provider: provider.id,
      protocol: result.protocol,
      model: chosenModel,
      baseUrl,
      latencyMs: result.latencyMs,
      toolCallWorks: result.toolCalls.length > 0,
      usageReported: result.usage.inputTokens + result.usage.outputTokens > 0,
      error: result.error
        ? {
            class: result.error.class,
            message: result.error.message,
            httpStatus: result.error.httpStatus,
            providerCode: result.error.providerCode,
          }
        : null,
    },
    secret,
  );
  // Recorded only if the credential still is what was tested: an edit that saved a new key, URL or
  // protocol meanwhile must not be labelled with the old one's result.
  await prisma.providerCredential.updateMany({
    where: {
      id,
      secretCiphertext: credential.secretCiphertext,
      baseUrl: credential.baseUrl,
      protocol: credential.protocol,
    },
    data: { lastCheckedAt: new Date(), lastCheckResult: check as unknown as Prisma.InputJsonValue },
  });
  const row = await prisma.providerCredential.findUniqueOrThrow({
    where: { id },
    select: maskedCredentialSelect,
  });
  return { check, credential: toMasked(row) };
}

/** A provider may quote the key it refused: never let it reach a response or the database. */
function redact<T>(value: T, secret: string): T {
  if (secret.length < 4) return value;
  return JSON.parse(JSON.stringify(value).split(secret).join('***')) as T;
}
