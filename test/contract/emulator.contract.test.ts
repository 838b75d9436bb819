// The contract suite against the emulator (packages/keycloak-emulator), started in-process on 127.0.0.1, port 0.
import { afterAll, beforeAll } from 'vitest';
import { startEmulator } from '@clientsync/keycloak-emulator';
import type { KeycloakConnection } from '../support/keycloak-admin.js';
import { createTestRealm } from '../support/test-realm.js';
import { defineContractSuite } from './contract-suite.js';

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
let connection: KeycloakConnection;

beforeAll(async () => {
  emulator = await startEmulator({ adminUsername: 'admin', adminPassword: 'admin' });
  connection = { url: emulator.url, adminUsername: 'admin', adminPassword: 'admin' };
});

afterAll(async () => {
  await emulator?.close();
});

defineContractSuite('emulator', () => ({ connection, createRealm: () => createTestRealm(connection) }));
