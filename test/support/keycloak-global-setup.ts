// Vitest global setup: ONE real Keycloak per test run, shared by every test file that needs it
// (files named *.keycloak.test.ts / keycloak.*.test.ts; each creates its own realm), stopped when
// the run ends. Provides `keycloak` (see keycloak-target.ts) to the test files.
//
// - KEYCLOAK_CONTRACT_URL (+ KEYCLOAK_CONTRACT_USERNAME / KEYCLOAK_CONTRACT_PASSWORD, default
//   admin/admin): use that running Keycloak instead of starting one.
// - Java (or Maven, before the first download) missing: one line on stderr, and the suites that
//   need Keycloak skip. Under CI=true that is an error: CI must never pass by skipping them.
import type { TestProject } from 'vitest/node';
import { KEYCLOAK_VERSION, keycloakPaths, missingPrerequisites, startKeycloak } from './keycloak-server.js';
import { type KeycloakProvided, NEEDS_KEYCLOAK } from './keycloak-target.js';

function filesOfThisRun(project: TestProject): string[] | null {
  try {
    return project.vitest.state.getPaths();
  } catch {
    return null; // unknown: assume the run needs Keycloak
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provide = (value: KeycloakProvided) => project.provide('keycloak', value);
  const env = process.env;

  const external = env['KEYCLOAK_CONTRACT_URL'];
  if (external) {
    provide({
      available: true,
      url: external.replace(/\/+$/, ''),
      adminUsername: env['KEYCLOAK_CONTRACT_USERNAME'] || 'admin',
      adminPassword: env['KEYCLOAK_CONTRACT_PASSWORD'] || 'admin',
      source: 'external',
    });
    return undefined;
  }

  // Watch mode reruns other files later without running this setup again: start in any case.
  const files = filesOfThisRun(project);
  const needing = files?.filter((f) => NEEDS_KEYCLOAK.test(f)) ?? null;
  if (!project.vitest.config.watch && needing !== null && needing.length === 0) {
    provide({ available: false, reason: 'no test file of this run needs the real Keycloak' });
    return undefined;
  }

  const paths = keycloakPaths();
  const missing = missingPrerequisites(paths);
  if (missing.length > 0) {
    const suites = needing?.map((f) => f.replace(`${project.config.root}/`, '')).join(', ') || 'every *.keycloak.test.ts suite';
    const problem = `real Keycloak unavailable: missing ${missing.join(' and ')}`;
    if (env['CI'] === 'true') throw new Error(`${problem}; under CI=true that fails the run instead of skipping ${suites}`);
    const line = `${problem}; skipping ${suites}`;
    process.stderr.write(`${line}\n`);
    provide({ available: false, reason: line });
    return undefined;
  }

  const server = await startKeycloak({ paths });
  process.stderr.write(
    `keycloak: ${KEYCLOAK_VERSION} at ${server.url} ready in ${(server.startupMs / 1000).toFixed(1)} s (Java ${server.javaMajor ?? '?'}; log ${server.logFile})\n`,
  );
  provide({
    available: true,
    url: server.url,
    adminUsername: server.adminUsername,
    adminPassword: server.adminPassword,
    source: 'started',
  });
  return () => server.stop();
}
