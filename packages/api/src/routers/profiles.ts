import {
  type CustomProviderDef,
  FallbackTargetSchema,
  PHASES,
  ThinkingLevelSchema,
} from '@switchyard/providers';
import { z } from 'zod';
import { keyReservePercentInput, keyWaitMaxSecondsInput } from '../schemas/pool-settings';
import { idSchema } from '../schemas/routing-settings';
import {
  createProfile,
  deleteProfile,
  duplicateProfile,
  getProfile,
  listProfiles,
  updateProfile,
} from '../services/profiles';
import { adminProcedure, router, teamProcedure, writerProcedure } from '../trpc';

const text = (max: number) => z.string().trim().max(max);

/** One phase of a profile: the providers' PhaseConfigSchema, bounded, unknown keys refused. */
const phaseConfigInput = z.strictObject({
  provider: text(64).min(1),
  model: text(200).min(1),
  thinking: ThinkingLevelSchema,
  credentialId: idSchema.nullish(),
  fallbacks: z.array(FallbackTargetSchema.strict()).max(5).default([]),
});

export const profileInput = z.strictObject({
  name: text(100).min(1),
  description: text(2000).default(''),
  phases: z.strictObject(
    Object.fromEntries(PHASES.map((p) => [p, phaseConfigInput.optional()])) as {
      [P in (typeof PHASES)[number]]: z.ZodOptional<typeof phaseConfigInput>;
    },
  ),
  defaultProvider: text(64).min(1).nullish(),
  /** When every credential of a pool rests: wait for a reset this close (seconds), else fall back. Default 300. */
  keyWaitMaxSeconds: keyWaitMaxSecondsInput.optional(),
  /** Leave a credential whose reported remaining requests or tokens fall below this share (%). Default 5. */
  keyReservePercent: keyReservePercentInput.optional(),
});

const profileId = z.strictObject({ id: idSchema });

const scope = (ctx: {
  team: { id: string };
  user: { id: string };
  customProviders: readonly CustomProviderDef[];
}) => ({
  teamId: ctx.team.id,
  userId: ctx.user.id,
  customProviders: ctx.customProviders,
});

export const profilesRouter = router({
  /** Built-in profiles, then the team's. */
  list: teamProcedure.input(z.void()).query(({ ctx }) => listProfiles(ctx.prisma, ctx.team.id)),
  get: teamProcedure
    .input(profileId)
    .query(({ ctx, input }) => getProfile(ctx.prisma, ctx.team.id, input.id)),
  create: adminProcedure
    .input(profileInput)
    .mutation(({ ctx, input }) => createProfile(ctx.prisma, scope(ctx), input)),
  update: adminProcedure
    .input(z.strictObject({ id: idSchema, profile: profileInput }))
    .mutation(({ ctx, input }) => updateProfile(ctx.prisma, scope(ctx), input.id, input.profile)),
  delete: adminProcedure
    .input(profileId)
    .mutation(({ ctx, input }) => deleteProfile(ctx.prisma, ctx.team.id, input.id)),
  /** Any member may copy a profile (built-in or the team's) into the team, then an admin edits it. */
  duplicate: writerProcedure
    .input(z.strictObject({ id: idSchema, name: text(100).min(1).nullish() }))
    .mutation(({ ctx, input }) => duplicateProfile(ctx.prisma, scope(ctx), input.id, input.name)),
});
