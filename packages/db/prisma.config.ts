import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// The CLI looks for the native schema engine before every command, even `generate`, and would try to
// download it. Point it at a stub that fails loudly: generate/validate/format do not need it, and
// migrations go through our WASM runner (src/migrate).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('../../tooling/no-schema-engine.sh', import.meta.url),
);
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
});
