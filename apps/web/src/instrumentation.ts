// Runs once when a server instance starts (`next start`, `next dev`), never during `next build`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnInvalidEnv } = await import('./server/exit-on-invalid-env');
    exitOnInvalidEnv();
  }
}
