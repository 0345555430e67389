import { z } from 'zod';
import { THINKING_LEVELS } from '../catalog/thinking';
import { ERROR_ACTIONS, ERROR_CLASSES } from '../errors/classes';
import { PHASES } from '../phases';
import { PROTOCOLS } from '../registry/ids';

// Shapes other packages store as JSON. Parse with these when reading a JSON column back.

export const PhaseSchema = z.enum(PHASES);
export const ThinkingLevelSchema = z.enum(THINKING_LEVELS);
export const ProtocolSchema = z.enum(PROTOCOLS);

export const FallbackTargetSchema = z.object({ provider: z.string().min(1), model: z.string().min(1) });
export type FallbackTarget = z.infer<typeof FallbackTargetSchema>;

/** One phase of an agent profile: `{provider, model, thinking, credentialId?, fallbacks}`. */
export const PhaseConfigSchema = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  thinking: ThinkingLevelSchema,
  credentialId: z.string().min(1).nullish(),
  fallbacks: z.array(FallbackTargetSchema).default([]),
});
export type PhaseConfig = z.infer<typeof PhaseConfigSchema>;

export const ProfilePhasesSchema = z.partialRecord(PhaseSchema, PhaseConfigSchema);
export type ProfilePhases = z.infer<typeof ProfilePhasesSchema>;

/** The profile's limits for pools (AgentProfile.keyWaitMaxSeconds / keyReservePercent). */
export const KeyPolicySchema = z.object({
  /** The longest wait for a reset when every credential of the pool rests. */
  waitMaxSeconds: z.number().int().nonnegative(),
  /** Leave a credential once its reported remaining requests or tokens fall below this share. */
  reservePercent: z.number().min(0).max(100),
});
export type KeyPolicy = z.infer<typeof KeyPolicySchema>;
export const DEFAULT_KEY_POLICY: KeyPolicy = { waitMaxSeconds: 300, reservePercent: 5 };

/** What routing needs of an agent profile. */
export const ProfileRoutingSchema = z.object({
  phases: ProfilePhasesSchema,
  defaultProvider: z.string().min(1).nullish(),
  keyPolicy: KeyPolicySchema.optional(),
});
export type ProfileRouting = z.infer<typeof ProfileRoutingSchema>;

/** A task's own routing settings (the seed's shape; `overrideProvider` is the CLI `--provider`). */
export const TaskRoutingSettingsSchema = z.object({
  provider: z.string().min(1).nullish(),
  phaseProviders: z.partialRecord(PhaseSchema, z.string().min(1)).nullish(),
  phaseModels: z.partialRecord(PhaseSchema, z.string().min(1)).nullish(),
  phaseThinking: z.partialRecord(PhaseSchema, ThinkingLevelSchema).nullish(),
  overrideProvider: z.string().min(1).nullish(),
});
export type TaskRoutingSettings = z.infer<typeof TaskRoutingSettingsSchema>;

export const TeamCredentialSchema = z.object({
  id: z.string().min(1),
  provider: z.string().min(1),
  label: z.string(),
  protocol: ProtocolSchema,
  baseUrl: z.string().nullable(),
  isDefault: z.boolean(),
  position: z.number().int().optional(),
  weight: z.number().int().optional(),
});

export const CredentialSourceSchema = z.discriminatedUnion('kind', [
  // The label is a copy for messages (decisions stored before it existed have none).
  z.object({ kind: z.literal('profile'), credentialId: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('team_default'), credentialId: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('env'), envName: z.string() }),
  z.object({ kind: z.literal('none_needed') }),
  z.object({ kind: z.literal('missing') }),
]);

export const ThinkingSettingSchema = z.object({
  level: ThinkingLevelSchema,
  budgetTokens: z.number().int().nonnegative(),
  control: z.enum(['budget', 'effort', 'toggle', 'none']),
  effort: z.enum(['low', 'medium', 'high']).optional(),
  enabled: z.boolean(),
  notes: z.array(z.string()),
});

export const TraceStepSchema = z.object({
  field: z.enum(['provider', 'model', 'thinking', 'credential', 'baseUrl', 'protocol']),
  step: z.string(),
  value: z.string().nullable(),
  outcome: z.enum(['chosen', 'shadowed', 'unset', 'mapped', 'ignored']),
  reason: z.string(),
});
export type TraceStep = z.infer<typeof TraceStepSchema>;

/** One credential of a provider's pool, in pool order: what the worker needs to call with it. */
export const PoolMemberSchema = z.object({
  credentialId: z.string(),
  label: z.string(),
  protocol: ProtocolSchema,
  baseUrl: z.string().nullable(),
  position: z.number().int(),
  weight: z.number().int().positive(),
  /** The team's default for the provider: first, alone in its tier (never shares by weight). */
  isDefault: z.boolean().optional(),
});
export type PoolMember = z.infer<typeof PoolMemberSchema>;

export const RouteTargetSchema = z.object({
  provider: z.string(),
  providerLabel: z.string(),
  protocol: ProtocolSchema,
  model: z.string(),
  modelInCatalog: z.boolean(),
  baseUrl: z.string().nullable(),
  credential: CredentialSourceSchema,
  authScheme: z.enum(['api_key', 'bearer']),
  /** Every env name read for the key: what to tell a user to set. */
  credentialEnvNames: z.array(z.string()),
  thinking: ThinkingSettingSchema,
  /**
   * The team credentials the worker may use for this target, in pool order (docs/decisions/0013):
   * all of the provider's, or the one the profile names. Absent for env keys and older decisions.
   */
  pool: z.array(PoolMemberSchema).optional(),
});
export type RouteTarget = z.infer<typeof RouteTargetSchema>;

const ModelRefSchema = z.object({ provider: z.string(), model: z.string() });

/** One call to a model, as the agent loop made it (appended by the worker as it happens). */
export const AttemptRecordSchema = z.object({
  at: z.string(),
  turn: z.number().int(),
  attempt: z.number().int(),
  provider: z.string(),
  model: z.string(),
  outcome: z.enum(['ok', 'error']),
  latencyMs: z.number().nonnegative(),
  errorClass: z.enum(ERROR_CLASSES).optional(),
  action: z.enum(ERROR_ACTIONS).optional(),
  httpStatus: z.number().int().nullable().optional(),
  providerCode: z.string().nullable().optional(),
  message: z.string().optional(),
  /** The wait before the next attempt, when one follows. */
  waitMs: z.number().nonnegative().optional(),
  /** The pool credential the call used (its label; never a secret). */
  credentialLabel: z.string().optional(),
});
export type AttemptRecord = z.infer<typeof AttemptRecordSchema>;

/** A move from one model to the next fallback (or a fallback skipped, with `skipped`). */
export const HopRecordSchema = z.object({
  at: z.string(),
  from: ModelRefSchema,
  to: ModelRefSchema,
  reason: z.string(),
  skipped: z.boolean().default(false),
});
export type HopRecord = z.infer<typeof HopRecordSchema>;

/** Why a call used the pool credential it did: the first choice, a switch, or a wait for a reset. */
export const KeyChoiceRecordSchema = z.object({
  at: z.string(),
  turn: z.number().int(),
  provider: z.string(),
  /** The credential chosen; null when none could serve (every one rests). */
  credentialId: z.string().nullable(),
  label: z.string().nullable(),
  /** chosen: first pick · switched: moved off a resting or nearly spent key · waited: slept until a reset · exhausted: none left. */
  kind: z.enum(['chosen', 'switched', 'waited', 'exhausted']),
  reason: z.string(),
});
export type KeyChoiceRecord = z.infer<typeof KeyChoiceRecordSchema>;

export const PhaseRoutingSchema = RouteTargetSchema.extend({
  phase: PhaseSchema,
  fallbacks: z.array(RouteTargetSchema),
  warnings: z.array(z.string()),
  trace: z.array(TraceStepSchema),
  attempts: z.array(AttemptRecordSchema).default([]),
  hops: z.array(HopRecordSchema).default([]),
  keyPolicy: KeyPolicySchema.optional(),
  keys: z.array(KeyChoiceRecordSchema).default([]),
});
export type PhaseRouting = z.infer<typeof PhaseRoutingSchema>;

/** The routing decision for a whole task: one entry per phase (§4.5). */
export const RoutingDecisionSchema = z.object({
  phases: z.record(PhaseSchema, PhaseRoutingSchema),
  /** Providers some phase or fallback may use: the only ones that need credentials. */
  providersUsed: z.array(z.string()),
});
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;
