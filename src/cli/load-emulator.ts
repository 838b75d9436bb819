// Loads the Keycloak emulator (the workspace package @clientsync/keycloak-emulator) on demand:
// only `clientsync emulator` and `daemon --local-trial` need it, and an installation without it
// (the production image, the packed package) still runs every other command.
import { UsageError } from '../model/errors.js';

export type EmulatorModule = typeof import('@clientsync/keycloak-emulator');

const PACKAGE = '@clientsync/keycloak-emulator';

export async function loadEmulator(): Promise<EmulatorModule> {
  try {
    return await import('@clientsync/keycloak-emulator');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Only the package itself missing is the user's situation; anything else is our bug.
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(PACKAGE)) {
      throw new UsageError(
        `the Keycloak emulator (${PACKAGE}) is not part of this installation: it is a development tool; ` +
          'run it from a clone of clientsync after `npm ci`, or point KEYCLOAK_URL at a real Keycloak',
      );
    }
    throw error;
  }
}
