import { Phase } from '@switchyard/db';
import { z } from 'zod';

/** The pipeline's phases in order, from the database enum (one source of truth). */
export const PHASE_ORDER = Object.values(Phase);

/**
 * One phase of a profile's `phases` JSON column, as far as the API reads it. Other fields
 * (thinking, credentialId, fallbacks, …) are tolerated and dropped: the worker owns their meaning.
 */
const phaseRouteSchema = z.object({
  provider: z.string().trim().min(1),
  model: z.string().trim().min(1),
});

/** `AgentProfile.phases`: every phase must be routed; unknown extra keys are ignored. */
export const profilePhasesSchema = z.object({
  spec: phaseRouteSchema,
  planning: phaseRouteSchema,
  coding: phaseRouteSchema,
  qa: phaseRouteSchema,
}) satisfies z.ZodType<Record<Phase, z.infer<typeof phaseRouteSchema>>>;

export type ProfilePhases = z.infer<typeof profilePhasesSchema>;
