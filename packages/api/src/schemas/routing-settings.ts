import { PhaseSchema, type TaskRoutingSettingsSchema, ThinkingLevelSchema } from '@switchyard/providers';
import { z } from 'zod';

const providerId = z.string().trim().min(1).max(64);
const modelId = z.string().trim().min(1).max(200);

/**
 * A task's routing settings as the API accepts them: the providers package's shape
 * (TaskRoutingSettingsSchema), with lengths bounded and unknown keys refused.
 */
export const routingSettingsInput = z
  .strictObject({
    provider: providerId.nullish(),
    phaseProviders: z.partialRecord(PhaseSchema, providerId).nullish(),
    phaseModels: z.partialRecord(PhaseSchema, modelId).nullish(),
    phaseThinking: z.partialRecord(PhaseSchema, ThinkingLevelSchema).nullish(),
    overrideProvider: providerId.nullish(),
  })
  .default({}) satisfies z.ZodType<z.infer<typeof TaskRoutingSettingsSchema>, unknown>;

export type RoutingSettingsInput = z.infer<typeof routingSettingsInput>;

/** Ids are uuids everywhere in Switchyard's database. */
export const idSchema = z.uuid();
