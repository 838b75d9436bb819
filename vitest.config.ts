import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One real Keycloak per run, only when a *.keycloak.test.ts file is part of it (see the file).
    globalSetup: ['test/support/keycloak-global-setup.ts'],
  },
});
