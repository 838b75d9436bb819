// `npm run keycloak`: one real Keycloak for a developer, in the foreground. It prints the URL and
// the admin credentials once it serves; Ctrl-C (or SIGTERM) stops it and removes its data.
// The same harness as the test suites (test/support/keycloak-server.ts): pinned version, shared
// per-machine cache, fresh data on every start, loopback only.
import { KEYCLOAK_VERSION, keycloakPaths, missingPrerequisites, startKeycloak } from '../test/support/keycloak-server.js';

async function main(): Promise<number> {
  const paths = keycloakPaths();
  const missing = missingPrerequisites(paths);
  if (missing.length > 0) {
    process.stderr.write(`keycloak: cannot start the real Keycloak: missing ${missing.join(' and ')}\n`);
    return 1;
  }
  process.stderr.write(`keycloak: starting Keycloak ${KEYCLOAK_VERSION} (cache ${paths.cacheDir})\n`);
  const server = await startKeycloak({ paths });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nkeycloak: stopping\n');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(
    [
      `Keycloak ${KEYCLOAK_VERSION} is ready (started in ${(server.startupMs / 1000).toFixed(1)} s):`,
      `  URL            ${server.url}`,
      `  admin console  ${server.url}/admin/`,
      `  admin user     ${server.adminUsername} / ${server.adminPassword}   (realm master)`,
      `  health         ${server.managementUrl}/health/ready`,
      `  log            ${server.logFile}`,
      '',
      'Contract suite against it, in another shell:',
      `  KEYCLOAK_CONTRACT_URL=${server.url} npx vitest run test/contract`,
      '',
      'Data lives only as long as this process. Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  // Keep the event loop alive until a signal arrives.
  await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`keycloak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
