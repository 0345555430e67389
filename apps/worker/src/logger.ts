import pino from 'pino';

// JSON lines on stdout. Credential values never reach a log: the redact paths cover the fields that
// could carry one, and nothing logs a raw provider request.
export function createLogger(level: string, workerId: string) {
  return pino({
    level,
    base: { service: 'worker', workerId },
    redact: {
      paths: ['*.apiKey', '*.secret', '*.authorization', '*.password', 'DATABASE_URL'],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
