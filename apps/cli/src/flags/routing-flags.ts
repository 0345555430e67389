import {
  BUILTIN_PROVIDER_IDS,
  createProviderRegistry,
  PHASES,
  type Phase,
  PhaseSchema,
  type TaskRoutingSettings,
  THINKING_LEVELS,
  ThinkingLevelSchema,
} from '@switchyard/providers';
import { z } from 'zod';
import { usageError } from '../cli-error';

/** The routing flags as commander collects them (shared by `tasks create` and `routing preview`). */
export interface RawRoutingFlags {
  provider?: string;
  phaseProvider?: string[];
  phaseModel?: string[];
  phaseThinking?: string[];
  budget?: string;
}

export interface RoutingFlags {
  routing: TaskRoutingSettings;
  budgetUsd: number | null;
}

const registry = createProviderRegistry();
const phaseList = PHASES.join(', ');
const providerList = `${BUILTIN_PROVIDER_IDS.join(', ')} (or a custom provider the server declares)`;

/**
 * A provider id: built-in ids and aliases are normalised here (`GLM` → `zai`), so a typo of an
 * alias never reaches the server as a custom provider by accident. Other names may be custom
 * providers that only the server knows: it refuses an unknown one, listing the ones it knows.
 */
const providerId = z
  .string()
  .trim()
  .min(1, `a provider is needed: ${providerList}`)
  .max(64)
  .regex(/^[\w .-]+$/, `not a provider id: use one of ${providerList}`)
  .transform((value) => registry.find(value)?.id ?? value);

const modelId = z.string().trim().min(1, 'a model is needed, e.g. glm-4.7 or sonnet').max(200);

/** `PHASE=VALUE`, the phase one of the pipeline's, the value checked by `value`. */
function phasePair<T extends z.ZodType<string>>(
  flag: string,
  placeholder: string,
  value: T,
  example: string,
) {
  return z.string().transform((raw, ctx) => {
    const at = raw.indexOf('=');
    const fail = (why: string) => {
      ctx.addIssue({
        code: 'custom',
        message: `${flag} "${raw}": ${why}. Write ${flag} ${placeholder}, e.g. ${flag} ${example}`,
      });
      return z.NEVER;
    };
    if (at <= 0) return fail(`expected PHASE=${placeholder.split('=')[1]}`);
    const phase = PhaseSchema.safeParse(raw.slice(0, at).trim().toLowerCase());
    if (!phase.success) return fail(`"${raw.slice(0, at).trim()}" is not a phase (phases: ${phaseList})`);
    const parsed = value.safeParse(raw.slice(at + 1));
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'not valid');
    return { phase: phase.data, value: parsed.data as z.output<T> };
  });
}

const pairs = <T extends z.ZodType<string>>(flag: string, placeholder: string, value: T, example: string) =>
  z
    .array(phasePair(flag, placeholder, value, example))
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<Phase>();
      for (const { phase } of list) {
        if (seen.has(phase))
          ctx.addIssue({ code: 'custom', message: `${flag} gives "${phase}" twice: give each phase once` });
        seen.add(phase);
      }
    })
    .transform((list) => (list.length ? Object.fromEntries(list.map((p) => [p.phase, p.value])) : undefined));

export const routingFlagsSchema = z
  .object({
    provider: providerId.optional(),
    phaseProvider: pairs('--phase-provider', 'PHASE=PROVIDER', providerId, 'coding=zai'),
    phaseModel: pairs('--phase-model', 'PHASE=MODEL', modelId, 'coding=glm-4.7'),
    phaseThinking: pairs(
      '--phase-thinking',
      'PHASE=LEVEL',
      z
        .string()
        .trim()
        .toLowerCase()
        .refine((v) => ThinkingLevelSchema.safeParse(v).success, {
          message: `thinking must be one of ${THINKING_LEVELS.join('|')}`,
        }),
      'planning=high',
    ),
    budget: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, '--budget must be an amount in US dollars, e.g. --budget 2.50')
      .transform(Number)
      .refine((n) => n > 0 && n <= 1_000_000, '--budget must be above 0 and at most 1000000')
      .optional(),
  })
  .transform(
    (flags): RoutingFlags => ({
      routing: {
        // `--provider` is the override that wins over every other setting (§4.4).
        ...(flags.provider ? { overrideProvider: flags.provider } : {}),
        ...(flags.phaseProvider ? { phaseProviders: flags.phaseProvider } : {}),
        ...(flags.phaseModel ? { phaseModels: flags.phaseModel } : {}),
        ...(flags.phaseThinking
          ? { phaseThinking: flags.phaseThinking as TaskRoutingSettings['phaseThinking'] }
          : {}),
      },
      budgetUsd: flags.budget ?? null,
    }),
  );

/** The routing flags as the API takes them; anything malformed is exit 2 naming each problem. */
export function parseRoutingFlags(raw: RawRoutingFlags): RoutingFlags {
  const parsed = routingFlagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((issue) =>
    issue.path[0] === 'provider' ? `--provider: ${issue.message}` : issue.message,
  );
  throw usageError(
    messages.length === 1 ? messages[0]! : `${messages.length} routing flags are not valid.`,
    `Phases: ${phaseList}. Thinking levels: ${THINKING_LEVELS.join('|')}. Providers: ${providerList}. See --help.`,
    messages.length === 1 ? [] : messages,
  );
}
