// The emulator's own tests, run alone (`npm test -w @clientsync/keycloak-emulator`); clientsync's
// root `npm test` runs them too, with its own configuration.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, pool: 'forks' },
});
