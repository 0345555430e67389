import { parseCustomProviders, signUpPolicyFrom } from '@switchyard/api';
import { projectPlacesFrom } from '@switchyard/db/project-places';
import { z } from 'zod';

const postgresUrl = z
  .string({ error: 'DATABASE_URL is required: a postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE URL' })
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^/]+\/[^/?#]+/.test(value), {
    error: 'DATABASE_URL must be a postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE URL',
  });

const serverEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  PORT: z.coerce
    .number({ error: 'PORT must be a TCP port number (1-65535)' })
    .int()
    .min(1)
    .max(65535, 'PORT must be a TCP port number (1-65535)')
    .optional(),
  // Signs session cookies. Unset: generated into <data dir>/auth-secret.key (single machine).
  BETTER_AUTH_SECRET: z
    .string()
    .trim()
    .min(32, 'BETTER_AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)')
    .optional(),
  // The public URL of the dashboard, for auth redirects and origin checks. Default http://localhost:PORT.
  BETTER_AUTH_URL: z
    .url({ error: 'BETTER_AUTH_URL must be an http(s) URL such as https://switchyard.example.com' })
    .optional(),
  // Who may sign up after the first owner: "on" anyone, unset or "off" by invitation.
  SWITCHYARD_OPEN_SIGNUP: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        signUpPolicyFrom({ SWITCHYARD_OPEN_SIGNUP: value });
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // Folders projects given by a local path may come from (absolute, separated by ":").
  SWITCHYARD_PROJECT_ROOTS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        projectPlacesFrom({ SWITCHYARD_PROJECT_ROOTS: value }, { installDir: '/', dataDir: '/' });
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // Checked here so a malformed value stops the server at start, not at the first routing preview.
  SWITCHYARD_CUSTOM_PROVIDERS: z
    .string()
    .optional()
    .refine(
      (value) => {
        try {
          parseCustomProviders({ SWITCHYARD_CUSTOM_PROVIDERS: value });
          return true;
        } catch {
          return false;
        }
      },
      { error: 'SWITCHYARD_CUSTOM_PROVIDERS must be a JSON array of {"id", "label", "protocol", "baseUrl"}' },
    ),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Where auth redirects and origin checks point: BETTER_AUTH_URL, else this server on localhost. */
export function authBaseUrl(env: ServerEnv): string {
  return env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`;
}

/** Validates a set of variables; throws one error naming every bad variable, never its value. */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const parsed = serverEnvSchema.safeParse({
    DATABASE_URL: env.DATABASE_URL,
    PORT: env.PORT || undefined,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET || undefined,
    BETTER_AUTH_URL: env.BETTER_AUTH_URL || undefined,
    SWITCHYARD_CUSTOM_PROVIDERS: env.SWITCHYARD_CUSTOM_PROVIDERS || undefined,
    SWITCHYARD_OPEN_SIGNUP: env.SWITCHYARD_OPEN_SIGNUP || undefined,
    SWITCHYARD_PROJECT_ROOTS: env.SWITCHYARD_PROJECT_ROOTS || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.message}`).join('\n');
    throw new Error(`Invalid web server configuration:\n${problems}`);
  }
  return parsed.data;
}

let cached: ServerEnv | undefined;

/**
 * The web server's configuration, validated on first use rather than at import so that
 * `next build` (which imports route modules) needs no database.
 */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
