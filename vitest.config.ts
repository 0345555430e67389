import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing but Node (fake-llm servers on 127.0.0.1 are fine);
// `integration` needs PostgreSQL (DATABASE_URL, else the embedded server started by globalSetup).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/{src,test}/**/*.test.ts', 'tests/repo/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{apps,packages}/*/{src,test}/**/*.int.test.ts', 'tests/acceptance/**/*.int.test.ts'],
          globalSetup: ['./tests/support/database-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
