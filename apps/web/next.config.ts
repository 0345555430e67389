import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: true,
  // Workspace packages are shared as TypeScript source (no build step): Next compiles them.
  transpilePackages: ['@switchyard/api', '@switchyard/db', '@switchyard/providers'],
  // Node-only packages loaded at runtime from node_modules rather than bundled: the pg driver and
  // Prisma's runtime (the generated client in packages/db/src/generated is compiled with the app).
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@prisma/client'],
};

export default nextConfig;
