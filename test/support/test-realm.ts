// A fresh realm per test file (vitest hooks over realm-admin.ts, re-exported here).
import { afterAll, beforeAll } from 'vitest';
import { createTestRealm, type TestRealm } from './realm-admin.js';
import type { KeycloakConnection } from './keycloak-admin.js';

export * from './realm-admin.js';

/**
 * Registers beforeAll/afterAll hooks: a fresh realm for the enclosing describe block (or file),
 * deleted afterwards. `connection` is read when the hook runs (servers start in earlier hooks).
 * The returned getter fails when called before the realm exists.
 */
export function useTestRealm(connection: () => KeycloakConnection): () => TestRealm {
  let realm: TestRealm | undefined;
  beforeAll(async () => {
    realm = await createTestRealm(connection());
  });
  afterAll(async () => {
    await realm?.delete();
  });
  return () => {
    if (!realm) throw new Error('the test realm does not exist yet (use it inside tests or later hooks)');
    return realm;
  };
}
