// What the vitest global setup (keycloak-global-setup.ts) hands to test files about the real
// Keycloak, and the naming rule that tells it which test files need one.
//
// A test file that needs the real Keycloak is named `*.keycloak.test.ts` or `keycloak.*.test.ts`
// (e.g. test/contract/keycloak.contract.test.ts). The global setup starts the server only when
// such a file is part of the run, so `vitest run src/plan` never pays for it.
//
// Test files read it with `inject('keycloak')`. This module is also loaded by the global setup,
// where vitest's runtime API is not available: it must import nothing from 'vitest' at run time.
import type {} from 'vitest';

export type KeycloakProvided =
  | {
      readonly available: true;
      /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
      readonly url: string;
      /** An admin of the master realm (password grant on admin-cli). */
      readonly adminUsername: string;
      readonly adminPassword: string;
      /** 'started': this run's own server; 'external': KEYCLOAK_CONTRACT_URL. */
      readonly source: 'started' | 'external';
    }
  | { readonly available: false; readonly reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    keycloak: KeycloakProvided;
  }
}

/** Test files whose name matches need the real Keycloak. */
export const NEEDS_KEYCLOAK = /(?:^|[\\/]|\.)keycloak\.(?:[^\\/]*\.)?test\.[cm]?[jt]s$/;
