import { parseCustomProviders } from '@switchyard/api';
import { DEMO_PROJECT_NAME, OFFLINE_DEMO_PROFILE } from '@switchyard/db/seed';
import {
  BUILTIN_PROVIDERS,
  catalogFor,
  MODEL_ALIASES,
  PHASES,
  PROTOCOLS,
  THINKING_LEVELS,
} from '@switchyard/providers';
import type { ProviderCatalog } from './provider-catalog-types';

/**
 * What the dashboard's forms offer: the built-in providers with their models (from the model
 * catalog), the providers the operator declared (SWITCHYARD_CUSTOM_PROVIDERS, e.g. the offline
 * demo), the phases and thinking levels. Built on the server, where @switchyard/providers lives,
 * and handed to client components as plain data so no provider SDK reaches the browser.
 */
export function buildProviderCatalog(env: NodeJS.ProcessEnv = process.env): ProviderCatalog {
  const builtins = Object.values(BUILTIN_PROVIDERS).map((p) => ({
    id: p.id,
    label: p.label,
    protocol: p.protocol,
    defaultBaseUrl: p.defaultBaseUrl,
    keyEnvNames: [...p.keyEnvNames],
    needsCredential: p.needsCredential,
    custom: false,
    models: catalogFor(p.id).map((m) => m.id),
  }));
  let custom: ReturnType<typeof parseCustomProviders> = [];
  try {
    custom = parseCustomProviders(env);
  } catch {
    // A malformed declaration is reported by the API and the worker; the forms just omit it.
  }
  return {
    phases: [...PHASES],
    thinkingLevels: [...THINKING_LEVELS],
    protocols: [...PROTOCOLS],
    aliases: [...MODEL_ALIASES],
    demo: { projectName: DEMO_PROJECT_NAME, profileName: OFFLINE_DEMO_PROFILE },
    providers: [
      ...builtins,
      ...custom.map((p) => ({
        id: p.id,
        label: p.label ?? p.id,
        protocol: p.protocol,
        defaultBaseUrl: p.baseUrl ?? null,
        keyEnvNames: [],
        needsCredential: false,
        custom: true,
        models: [],
      })),
    ],
  };
}
