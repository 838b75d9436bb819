import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run the workspace packages from their sources, as `npm run typecheck` checks them.
    alias: {
      '@clientsync/keycloak-emulator': fileURLToPath(new URL('./packages/keycloak-emulator/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One real Keycloak per run, only when a *.keycloak.test.ts file is part of it (see the file).
    globalSetup: ['test/support/keycloak-global-setup.ts'],
  },
});
