import { ProtocolSchema } from '@switchyard/providers';
import { z } from 'zod';
import { positionInput, weightInput } from '../schemas/pool-settings';
import { idSchema } from '../schemas/routing-settings';
import {
  clearCredentialRest,
  createCredential,
  deleteCredential,
  listCredentials,
  updateCredential,
} from '../services/credentials';
import { testCredential } from '../services/test-credential';
import { adminProcedure, router, teamProcedure } from '../trpc';

const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);
const secret = z.string().trim().min(4).max(4096);

export const credentialsRouter = router({
  /** The team's credentials, masked (`…last4`): never a secret or its ciphertext. */
  list: teamProcedure.input(z.void()).query(({ ctx }) => listCredentials(ctx.prisma, ctx.team.id)),
  create: adminProcedure
    .input(
      z.strictObject({
        provider: z.string().trim().min(1).max(64),
        label: z.string().trim().max(100).nullish(),
        protocol: ProtocolSchema.nullish(),
        baseUrl: baseUrl.nullish(),
        secret,
        isDefault: z.boolean().optional(),
        /** Place in the provider's pool: the default first, then lower positions (0–1000). */
        position: positionInput.optional(),
        /** Share of the calls among credentials of equal position (1–100). */
        weight: weightInput.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createCredential(
        ctx.prisma,
        { teamId: ctx.team.id, secretKey: ctx.secretKey, customProviders: ctx.customProviders },
        input,
      ),
    ),
  update: adminProcedure
    .input(
      z.strictObject({
        id: idSchema,
        label: z.string().trim().min(1).max(100).optional(),
        protocol: ProtocolSchema.optional(),
        baseUrl: baseUrl.nullable().optional(),
        secret: secret.optional(),
        isDefault: z.boolean().optional(),
        position: positionInput.optional(),
        weight: weightInput.optional(),
      }),
    )
    .mutation(({ ctx, input: { id, ...changes } }) =>
      updateCredential(
        ctx.prisma,
        { teamId: ctx.team.id, secretKey: ctx.secretKey, customProviders: ctx.customProviders },
        id,
        changes,
      ),
    ),
  delete: adminProcedure
    .input(z.strictObject({ id: idSchema }))
    .mutation(({ ctx, input }) => deleteCredential(ctx.prisma, ctx.team.id, input.id)),
  /**
   * Ends a credential's rest after a provider limit (rate limit, quota, no balance): workers use it
   * again at once. Its reported capacity is kept. Any edit (`update`) also ends the rest.
   */
  clearRest: adminProcedure
    .input(z.strictObject({ id: idSchema }))
    .mutation(({ ctx, input }) => clearCredentialRest(ctx.prisma, ctx.team.id, input.id)),
  /** "Test connection": one real call; the result is stored on the credential and returned. */
  test: adminProcedure
    .input(z.strictObject({ id: idSchema, model: z.string().trim().min(1).max(200).nullish() }))
    .mutation(({ ctx, input }) =>
      testCredential(
        ctx.prisma,
        { teamId: ctx.team.id, secretKey: ctx.secretKey, customProviders: ctx.customProviders, env: ctx.env },
        input.id,
        input.model,
      ),
    ),
});
