// The contract suite against the real Keycloak: the server this run's global setup started
// (test/support/keycloak-global-setup.ts), or the one named by KEYCLOAK_CONTRACT_URL.
import { describe, inject } from 'vitest';
import { KEYCLOAK_VERSION } from '../support/keycloak-server.js';
import '../support/keycloak-target.js';
import { createTestRealm } from '../support/test-realm.js';
import { defineContractSuite } from './contract-suite.js';

const keycloak = inject('keycloak');

// Skipped only where the global setup could not provide a server (no Java, or no Maven before the
// first download) and said so in one line; under CI=true the global setup fails instead.
describe.skipIf(!keycloak.available)('real Keycloak', () => {
  if (!keycloak.available) return;
  const connection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  defineContractSuite(keycloak.source === 'external' ? `KEYCLOAK_CONTRACT_URL ${keycloak.url}` : `Keycloak ${KEYCLOAK_VERSION}`, () => ({
    connection,
    createRealm: () => createTestRealm(connection),
  }));
});
