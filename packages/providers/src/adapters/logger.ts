/** SDK log lines go to stderr so that the probe's stdout stays one JSON line. */
export const stderrLogger = {
  error: (...args: unknown[]) => console.error(...args),
  warn: (...args: unknown[]) => console.error(...args),
  info: () => {},
  debug: () => {},
};
