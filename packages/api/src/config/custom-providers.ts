import type { CustomProviderDef } from '@switchyard/providers';
import { PROTOCOLS } from '@switchyard/providers';
import { z } from 'zod';

export const CUSTOM_PROVIDERS_ENV = 'SWITCHYARD_CUSTOM_PROVIDERS';

const CustomProvidersSchema = z.array(
  z.object({
    id: z.string().min(1),
    label: z.string().optional(),
    protocol: z.enum(PROTOCOLS),
    baseUrl: z.url().optional(),
  }),
);

/**
 * Operator-defined providers, declared to every process by SWITCHYARD_CUSTOM_PROVIDERS (a JSON
 * array, the worker reads the same). Throws a message naming the variable when it is malformed.
 */
export function parseCustomProviders(env: Record<string, string | undefined>): CustomProviderDef[] {
  const raw = env[CUSTOM_PROVIDERS_ENV]?.trim();
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(
      `${CUSTOM_PROVIDERS_ENV} must be a JSON array of {"id", "label", "protocol", "baseUrl"}.`,
    );
  }
  const parsed = CustomProvidersSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${CUSTOM_PROVIDERS_ENV} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
