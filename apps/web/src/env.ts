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
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Validates a set of variables; throws one error naming every bad variable, never its value. */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const parsed = serverEnvSchema.safeParse({ DATABASE_URL: env.DATABASE_URL, PORT: env.PORT || undefined });
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
